// Project: keeps some input columns, in a given order, optionally renamed.
// Drops the helper columns the planner added (weight strings, the COUNT
// of an AVG, ORDER BY columns not in the select list).
#ifndef TESSERA_LIB_ENGINE_PROJECT_H_
#define TESSERA_LIB_ENGINE_PROJECT_H_

#include <string>
#include <vector>

#include "lib/engine/operator.h"

namespace tessera::engine {

struct ProjectSpec {
  OperatorPtr input;
  std::vector<int> columns;
  std::vector<std::string> names;  // empty, or one per column ("" = keep)
  // When `columns` is empty: keep every input column but the last
  // `drop_trailing` (helper columns after a `SELECT *` of unknown width).
  int drop_trailing = 0;
};

class Project : public Operator {
 public:
  explicit Project(ProjectSpec spec) : spec_(std::move(spec)) {}

  // Errors (1105): a column index beyond the input's columns.
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;
  std::vector<const Operator*> inputs() const override {
    return {spec_.input.get()};
  }

 private:
  ProjectSpec spec_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_PROJECT_H_
