// Planning without servers, for `tessera explain`: a Vitess-format VSchema
// JSON document and SQL in, the plan as JSON out.
#ifndef TESSERA_LIB_PLANNER_OFFLINE_H_
#define TESSERA_LIB_PLANNER_OFFLINE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::planner {

class OfflinePlanner {
 public:
  // Errors: the VSchema's (parse or validation).
  static absl::StatusOr<std::unique_ptr<OfflinePlanner>> Create(
      absl::string_view vschema_json);
  ~OfflinePlanner();

  // Normalizes and plans `sql` for the session target (e.g. "commerce");
  // returns the plan as JSON ({"operator": ..., "variant": ..., ...}).
  absl::StatusOr<std::string> ExplainJson(absl::string_view target,
                                          absl::string_view sql) const;
  // One line per operator.
  absl::StatusOr<std::string> ExplainText(absl::string_view target,
                                          absl::string_view sql) const;

 private:
  struct State;
  explicit OfflinePlanner(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_OFFLINE_H_
