// Test-only: a tessera::Router that answers every statement with a canned
// Result or error (or throws, to test the C ABI's exception guard) and
// records what it was asked. For C ABI unit tests and benchmarks.
#ifndef TESSERA_LIB_CAPI_TESTING_CANNED_ROUTER_H_
#define TESSERA_LIB_CAPI_TESTING_CANNED_ROUTER_H_

#include <memory>
#include <new>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tessera/router.h"

namespace tessera::capi::testing {

class CannedSession : public Session {
 public:
  std::string target() const override { return target_; }
  bool in_transaction() const override { return in_transaction_; }
  bool autocommit() const override { return true; }
  uint64_t last_insert_id() const override { return 0; }
  uint64_t found_rows() const override { return 0; }
  const std::vector<Warning>& warnings() const override { return warnings_; }

  std::string target_ = "ks";
  bool in_transaction_ = false;
  std::vector<Warning> warnings_;
};

class CannedRouter : public Router {
 public:
  absl::StatusOr<std::unique_ptr<Session>> NewSession(
      absl::string_view target) override {
    auto s = std::make_unique<CannedSession>();
    s->target_ = std::string(target);
    s->warnings_ = warnings;
    return s;
  }
  absl::StatusOr<Result> Execute(Session& session, absl::string_view sql,
                                 absl::Span<const BindValue> params) override {
    if (throw_bad_alloc) throw std::bad_alloc();
    if (record) {
      last_sql = std::string(sql);
      last_params.assign(params.begin(), params.end());
    }
    auto& s = static_cast<CannedSession&>(session);
    if (sql == "BEGIN") s.in_transaction_ = true;
    if (sql == "COMMIT" || sql == "ROLLBACK") s.in_transaction_ = false;
    if (!status.ok()) return status;
    return result;
  }
  absl::StatusOr<Result> StreamExecute(Session& session, absl::string_view sql,
                                       absl::Span<const BindValue> params,
                                       ResultSink& sink) override {
    absl::StatusOr<Result> r = Execute(session, sql, params);
    if (!r.ok()) return r;
    if (absl::Status s = sink.OnFields(r->fields); !s.ok()) return s;
    for (Row& row : r->rows) {
      if (absl::Status s = sink.OnRow(std::move(row)); !s.ok()) return s;
    }
    r->rows.clear();
    return r;
  }

  // What Execute answers.
  Result result;
  absl::Status status;
  bool throw_bad_alloc = false;
  std::vector<Warning> warnings;  // given to new sessions
  // What it was asked last (when `record`).
  bool record = true;
  std::string last_sql;
  std::vector<BindValue> last_params;
};

}  // namespace tessera::capi::testing

#endif  // TESSERA_LIB_CAPI_TESTING_CANNED_ROUTER_H_
