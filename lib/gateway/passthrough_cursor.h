// The passthrough's server-side cursor: the rows of a backend result read
// with mysql_use_result as the client fetches them, so the gateway holds
// one fetch's rows, not the result. The session's one backend connection
// is busy while the cursor streams: before the session runs anything else
// the server calls Detach(), which reads the rest into memory within the
// result limits (1104 42000 beyond, reported by the next fetch).
#ifndef TESSERA_LIB_GATEWAY_PASSTHROUGH_CURSOR_H_
#define TESSERA_LIB_GATEWAY_PASSTHROUGH_CURSOR_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "lib/mysql/session.h"

typedef struct st_mysql MYSQL;
typedef struct st_mysql_res MYSQL_RES;

namespace tessera::gateway {

class PassthroughCursor : public mysql::ResultCursor {
 public:
  // `res`: mysql_use_result of `conn`'s current result set (owned).
  // Limits as BackendOptions::max_result_rows/bytes (0: none).
  PassthroughCursor(MYSQL* conn, MYSQL_RES* res, uint64_t max_rows,
                    uint64_t max_bytes);
  // Reads and drops what is left (and any further results).
  ~PassthroughCursor() override;

  const std::vector<Field>& fields() const override { return fields_; }
  absl::StatusOr<bool> Next(Row* row) override;
  absl::Status Detach() override;

  // Rows read from the backend so far (for tests of the memory bound).
  uint64_t rows_read() const { return rows_read_; }

 private:
  // One row from the backend; false at the end (the result is then freed).
  absl::StatusOr<bool> Read(Row* row);
  void Finish();

  MYSQL* conn_;
  MYSQL_RES* res_;
  uint64_t max_rows_, max_bytes_;
  std::vector<Field> fields_;
  std::deque<Row> buffered_;  // after Detach()
  uint64_t rows_read_ = 0;
};

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_PASSTHROUGH_CURSOR_H_
