// Join: nested-loop "apply" join across shards. For each row of the left
// input, the named left columns become bind variables and the right input
// runs with them (typically a Route whose query filters on them). Output
// columns are picked from both sides. A LEFT JOIN emits the left row with
// NULLs on the right when the right side returns nothing.
//
// Streaming: holds one left row and one right stream at a time. When the
// left side is empty the right side still runs once, with NULL join
// variables, to learn its fields.
#ifndef TESSERA_LIB_ENGINE_JOIN_H_
#define TESSERA_LIB_ENGINE_JOIN_H_

#include <string>
#include <utility>
#include <vector>

#include "lib/engine/operator.h"

namespace tessera::engine {

struct JoinColumn {
  bool from_left = true;
  int index = 0;
};

struct JoinSpec {
  OperatorPtr left;
  OperatorPtr right;
  bool left_join = false;
  // Bind variable name -> left column passed to the right side.
  std::vector<std::pair<std::string, int>> vars;
  std::vector<JoinColumn> columns;
};

class Join : public Operator {
 public:
  explicit Join(JoinSpec spec) : spec_(std::move(spec)) {}

  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;
  std::vector<const Operator*> inputs() const override {
    return {spec_.left.get(), spec_.right.get()};
  }

 private:
  JoinSpec spec_;
};

// Output fields of a join: columns picked from both sides; right-side
// columns of a LEFT JOIN become nullable. Errors (1105) on a bad index.
absl::StatusOr<std::vector<Field>> JoinFields(
    const std::vector<JoinColumn>& columns, const std::vector<Field>& left,
    const std::vector<Field>& right, bool left_join);
// Picks the output row from a left and right row (right may be null).
void JoinRow(const std::vector<JoinColumn>& columns, const Row& left,
             const Row* right, Row* out);

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_JOIN_H_
