#include "lib/gateway/passthrough_cursor.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/client/connection.h"
#include "mariadb/mysql.h"

namespace tessera::gateway {

PassthroughCursor::PassthroughCursor(MYSQL* conn, MYSQL_RES* res,
                                     uint64_t max_rows, uint64_t max_bytes)
    : conn_(conn), res_(res), max_rows_(max_rows), max_bytes_(max_bytes) {
  const unsigned n = mysql_num_fields(res_);
  MYSQL_FIELD* fields = mysql_fetch_fields(res_);
  fields_.reserve(n);
  for (unsigned i = 0; i < n; ++i) {
    fields_.push_back(mysql::FieldFromMysql(&fields[i]));
  }
}

PassthroughCursor::~PassthroughCursor() { Finish(); }

void PassthroughCursor::Finish() {
  if (res_ == nullptr) return;
  mysql_free_result(res_);  // reads and drops the rest
  res_ = nullptr;
  // A CALL's result set is followed by its status result.
  while (mysql_more_results(conn_) && mysql_next_result(conn_) == 0) {
    if (MYSQL_RES* more = mysql_use_result(conn_)) mysql_free_result(more);
  }
}

absl::StatusOr<bool> PassthroughCursor::Read(Row* row) {
  if (res_ == nullptr) return false;
  MYSQL_ROW r = mysql_fetch_row(res_);
  if (r == nullptr) {
    absl::Status s = absl::OkStatus();
    if (mysql_errno(conn_) != 0) {
      s = MysqlError(static_cast<uint16_t>(mysql_errno(conn_)),
                     mysql_sqlstate(conn_), mysql_error(conn_));
    }
    Finish();
    if (!s.ok()) return s;
    return false;
  }
  const size_t n = fields_.size();
  unsigned long* lengths = mysql_fetch_lengths(res_);
  row->clear();
  row->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    row->push_back(r[i] ? Value::Text(std::string(r[i], lengths[i]))
                        : Value::Null());
  }
  ++rows_read_;
  return true;
}

absl::StatusOr<bool> PassthroughCursor::Next(Row* row) {
  if (!buffered_.empty()) {
    *row = std::move(buffered_.front());
    buffered_.pop_front();
    return true;
  }
  return Read(row);
}

absl::Status PassthroughCursor::Detach() {
  uint64_t rows = buffered_.size(), bytes = 0;
  Row row;
  while (res_ != nullptr) {
    absl::StatusOr<bool> more = Read(&row);
    if (!more.ok()) return more.status();
    if (!*more) break;
    ++rows;
    for (const Value& v : row) bytes += v.bytes().size();
    if ((max_rows_ > 0 && rows > max_rows_) ||
        (max_bytes_ > 0 && bytes > max_bytes_)) {
      Finish();
      buffered_.clear();
      return MysqlError(
          er::kTooBigSelect, "42000",
          absl::StrCat("the rest of the cursor's result exceeds the "
                       "gateway's limit of ",
                       max_rows_, " rows or ", max_bytes_,
                       " bytes while another statement ran; add a LIMIT"));
    }
    buffered_.push_back(std::move(row));
    row = Row();
  }
  return absl::OkStatus();
}

}  // namespace tessera::gateway
