// Routers, sessions and statements of the C ABI.
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#include "lib/base/mysql_error.h"
#include "lib/capi/internal.h"

namespace tessera::capi {

tessera_router_t* WrapRouter(std::unique_ptr<tessera::Router> router) {
  auto* r = new tessera_router_t;
  r->rep = std::move(router);
  return r;
}

namespace {

absl::Status NullArgument(const char* what) {
  return MysqlError(er::kWrongArguments, "HY000",
                    std::string(what) + " must not be NULL");
}

absl::StatusOr<TransactionMode> ModeFromC(int mode) {
  switch (mode) {
    case TESSERA_TXN_SINGLE:
      return TransactionMode::kSingle;
    case TESSERA_TXN_MULTI:
      return TransactionMode::kMulti;
    case TESSERA_TXN_TWOPC:
      return TransactionMode::kTwoPC;
    default:
      return MysqlError(er::kWrongArguments, "HY000",
                        "unknown transaction mode " + std::to_string(mode));
  }
}

tessera_result_t* Execute(tessera_session_t* session, absl::string_view sql,
                          const tessera_params_t* params, char** errptr) {
  if (session == nullptr) {
    SaveError(errptr, NullArgument("session"));
    return nullptr;
  }
  absl::Span<const BindValue> binds;
  if (params != nullptr) binds = params->rep;
  absl::StatusOr<Result> r =
      session->router->Execute(*session->rep, sql, binds);
  if (!r.ok()) {
    SaveError(errptr, r.status());
    return nullptr;
  }
  auto* out = new tessera_result_t;
  out->rep = std::move(*r);
  return out;
}

void RunControl(tessera_session_t* session, absl::string_view sql,
                char** errptr) {
  tessera_result_t* r =
      Guard(errptr, [&] { return Execute(session, sql, nullptr, errptr); });
  delete r;
}

}  // namespace
}  // namespace tessera::capi

using tessera::capi::Guard;
using tessera::capi::SaveError;

extern "C" {

tessera_router_t* tessera_router_create(const tessera_options_t* options,
                                        char** errptr) noexcept {
  return Guard(errptr, [&]() -> tessera_router_t* {
    if (options == nullptr) {
      SaveError(errptr, tessera::capi::NullArgument("options"));
      return nullptr;
    }
    auto mode = tessera::capi::ModeFromC(options->transaction_mode);
    if (!mode.ok()) {
      SaveError(errptr, mode.status());
      return nullptr;
    }
    tessera::RouterOptions o = options->rep;
    o.transaction_mode = *mode;
    auto router = tessera::Router::Create(o);
    if (!router.ok()) {
      SaveError(errptr, router.status());
      return nullptr;
    }
    return tessera::capi::WrapRouter(std::move(*router));
  });
}

void tessera_router_destroy(tessera_router_t* router) noexcept {
  delete router;
}

tessera_session_t* tessera_session_create(tessera_router_t* router,
                                          const char* target, size_t target_len,
                                          char** errptr) noexcept {
  return Guard(errptr, [&]() -> tessera_session_t* {
    if (router == nullptr) {
      SaveError(errptr, tessera::capi::NullArgument("router"));
      return nullptr;
    }
    std::string t = tessera::capi::CStr(target, target_len);
    auto session = router->rep->NewSession(t);
    if (!session.ok()) {
      SaveError(errptr, session.status());
      return nullptr;
    }
    auto* s = new tessera_session_t;
    s->router = router->rep.get();
    s->rep = std::move(*session);
    return s;
  });
}

void tessera_session_destroy(tessera_session_t* session) noexcept {
  delete session;
}

char* tessera_session_target(const tessera_session_t* session,
                             size_t* len) noexcept {
  std::string t = session->rep->target();
  char* out = static_cast<char*>(std::malloc(t.size() + 1));
  if (out == nullptr) return nullptr;
  std::memcpy(out, t.c_str(), t.size() + 1);
  if (len != nullptr) *len = t.size();
  return out;
}

unsigned char tessera_session_in_transaction(
    const tessera_session_t* session) noexcept {
  return session->rep->in_transaction() ? 1 : 0;
}

uint64_t tessera_session_last_insert_id(
    const tessera_session_t* session) noexcept {
  return session->rep->last_insert_id();
}

size_t tessera_session_warning_count(
    const tessera_session_t* session) noexcept {
  return session->rep->warnings().size();
}

unsigned char tessera_session_warning(const tessera_session_t* session,
                                      size_t i, uint16_t* code,
                                      const char** level, const char** message,
                                      size_t* message_len) noexcept {
  const auto& warnings = session->rep->warnings();
  if (i >= warnings.size()) return 0;
  const tessera::Warning& w = warnings[i];
  if (code != nullptr) *code = w.code;
  if (level != nullptr) *level = w.level.c_str();
  if (message != nullptr) *message = w.message.c_str();
  if (message_len != nullptr) *message_len = w.message.size();
  return 1;
}

tessera_result_t* tessera_execute(tessera_session_t* session, const char* sql,
                                  size_t sql_len,
                                  const tessera_params_t* params,
                                  char** errptr) noexcept {
  return Guard(errptr, [&] {
    absl::string_view text =
        sql == nullptr ? absl::string_view() : absl::string_view(sql, sql_len);
    return tessera::capi::Execute(session, text, params, errptr);
  });
}

void tessera_begin(tessera_session_t* session, char** errptr) noexcept {
  tessera::capi::RunControl(session, "BEGIN", errptr);
}

void tessera_commit(tessera_session_t* session, char** errptr) noexcept {
  tessera::capi::RunControl(session, "COMMIT", errptr);
}

void tessera_rollback(tessera_session_t* session, char** errptr) noexcept {
  tessera::capi::RunControl(session, "ROLLBACK", errptr);
}

}  // extern "C"
