// A SELECT's rows pulled from the engine's operator stream one at a time,
// for server-side cursors (COM_STMT_FETCH): the router holds only what its
// operators need (shard streams, sort or join buffers within the limits),
// not the whole result. Outside a transaction the shard answers stream from
// pooled connections held until the cursor ends; inside one they are read
// whole by the session's connections (SessionCursor), as for any statement.
//
// Thread safety: one thread at a time, between the session's other
// statements (the session must outlive the cursor).
#ifndef TESSERA_LIB_ROUTER_ROW_CURSOR_H_
#define TESSERA_LIB_ROUTER_ROW_CURSOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/engine/operator.h"
#include "lib/mysql/client/active_queries.h"
#include "lib/planner/plan.h"
#include "lib/router/router_state.h"
#include "lib/router/session_cursor.h"
#include "lib/router/vindex_executor.h"
#include "tessera/result.h"

namespace tessera::router {

class RouterRowCursor {
 public:
  RouterRowCursor() = default;
  RouterRowCursor(const RouterRowCursor&) = delete;
  RouterRowCursor& operator=(const RouterRowCursor&) = delete;

  const std::vector<Field>& fields() const { return fields_; }
  // The next row; false at the end. Errors: the shards' (1317 after KILL
  // QUERY), the operators' memory limits.
  absl::StatusOr<bool> Next(Row* row) { return stream_->Next(row); }
  // Where the cursor's shard queries in flight are recorded, for KILL
  // QUERY of a fetch (ActiveQueries::Cancel, from any thread).
  const std::shared_ptr<mysql::ActiveQueries>& active_queries() const {
    return active_;
  }

 private:
  friend class RouterImpl;
  // Destroyed in reverse order: the stream before what it points into.
  std::shared_ptr<const RouterState> state_;
  std::shared_ptr<mysql::ActiveQueries> active_;  // Begin() at the open
  std::shared_ptr<const planner::Plan> plan_;
  sqltypes::BindVars vars_;
  std::unique_ptr<SessionCursor> cursor_;
  std::unique_ptr<VindexExecutor> vindex_executor_;
  engine::ExecContext ctx_;
  std::unique_ptr<engine::RowStream> stream_;
  std::vector<Field> fields_;
};

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_ROW_CURSOR_H_
