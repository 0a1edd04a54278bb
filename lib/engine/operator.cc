#include "lib/engine/operator.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {

absl::StatusOr<Result> ExecuteToResult(const Operator& op, ExecContext& ctx,
                                       const BindVars& bind_vars) {
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> stream,
                           op.Open(ctx, bind_vars));
  Result result;
  result.fields = stream->fields();
  size_t bytes = 0;
  Row row;
  while (true) {
    TESSERA_ASSIGN_OR_RETURN(bool more, stream->Next(&row));
    if (!more) break;
    bytes += RowBytes(row);
    if (result.rows.size() >= ctx.limits.max_result_rows ||
        bytes > ctx.limits.max_result_bytes) {
      return MysqlError(
          er::kTooBigSelect, "42000",
          absl::StrCat("result exceeds the router's limit of ",
                       ctx.limits.max_result_rows, " rows or ",
                       ctx.limits.max_result_bytes,
                       " bytes; add a LIMIT or use the streaming API"));
    }
    result.rows.push_back(std::move(row));
    row.clear();
  }
  result.affected_rows = stream->affected_rows();
  result.last_insert_id = stream->last_insert_id();
  result.warnings = stream->warnings();
  return result;
}

namespace {
void Explain(const Operator& op, int depth, std::string* out) {
  absl::StrAppend(out, std::string(depth * 2, ' '), op.Describe(), "\n");
  for (const Operator* in : op.inputs()) Explain(*in, depth + 1, out);
}
}  // namespace

std::string ExplainTree(const Operator& op) {
  std::string out;
  Explain(op, 0, &out);
  return out;
}

absl::Status MemoryBudget::Add(const Row& row) {
  ++rows_;
  return AddBytes(RowBytes(row));
}

absl::Status MemoryBudget::AddBytes(size_t bytes) {
  bytes_ += bytes;
  if (rows_ > max_rows_ || bytes_ > max_bytes_) {
    return MysqlError(
        er::kOutOfResources, "HY000",
        absl::StrCat(what_, " holds more than the router's in-memory limit (",
                     max_rows_, " rows, ", max_bytes_, " bytes)"));
  }
  return absl::OkStatus();
}

}  // namespace tessera::engine
