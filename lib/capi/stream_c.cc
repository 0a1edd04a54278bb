// tessera_execute_stream: rows to C callbacks as they arrive.
#include <string>
#include <vector>

#include "lib/base/mysql_error.h"
#include "lib/capi/internal.h"

namespace tessera::capi {
namespace {

absl::Status Cancelled() {
  return MysqlError(er::kQueryInterrupted, "70100",
                    "query execution was interrupted (cancelled by callback)");
}

// Adapts the C callbacks to tessera::ResultSink.
class CallbackSink : public ResultSink {
 public:
  CallbackSink(tessera_columns_fn on_columns, tessera_row_fn on_row, void* ctx)
      : on_columns_(on_columns), on_row_(on_row), ctx_(ctx) {}

  absl::Status OnFields(const std::vector<tessera::Field>& fields) override {
    if (on_columns_ == nullptr) return absl::OkStatus();
    tessera_result_t columns;
    columns.rep.fields = fields;
    return on_columns_(ctx_, &columns) == 0 ? absl::OkStatus() : Cancelled();
  }

  absl::Status OnRow(Row row) override {
    if (on_row_ == nullptr) return absl::OkStatus();
    values_.resize(row.size());
    lengths_.resize(row.size());
    for (size_t i = 0; i < row.size(); ++i) {
      values_[i] = row[i].is_null() ? nullptr : row[i].bytes().c_str();
      lengths_[i] = row[i].bytes().size();
    }
    return on_row_(ctx_, row.size(), values_.data(), lengths_.data()) == 0
               ? absl::OkStatus()
               : Cancelled();
  }

 private:
  tessera_columns_fn on_columns_;
  tessera_row_fn on_row_;
  void* ctx_;
  std::vector<const char*> values_;
  std::vector<size_t> lengths_;
};

}  // namespace
}  // namespace tessera::capi

extern "C" {

tessera_result_t* tessera_execute_stream(tessera_session_t* session,
                                         const char* sql, size_t sql_len,
                                         const tessera_params_t* params,
                                         tessera_columns_fn on_columns,
                                         tessera_row_fn on_row, void* ctx,
                                         char** errptr) noexcept {
  using tessera::capi::SaveError;
  return tessera::capi::Guard(errptr, [&]() -> tessera_result_t* {
    if (session == nullptr) {
      SaveError(errptr,
                tessera::MysqlError(tessera::er::kWrongArguments, "HY000",
                                    "session must not be NULL"));
      return nullptr;
    }
    absl::string_view text =
        sql == nullptr ? absl::string_view() : absl::string_view(sql, sql_len);
    absl::Span<const tessera::BindValue> binds;
    if (params != nullptr) binds = params->rep;
    tessera::capi::CallbackSink sink(on_columns, on_row, ctx);
    absl::StatusOr<tessera::Result> r =
        session->router->StreamExecute(*session->rep, text, binds, sink);
    if (!r.ok()) {
      SaveError(errptr, r.status());
      return nullptr;
    }
    auto* out = new tessera_result_t;
    out->rep = std::move(*r);
    out->rep.rows.clear();
    return out;
  });
}

}  // extern "C"
