#include "lib/router/mysql_session.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/constants.h"
#include "lib/router/mysql_session_track.h"
#include "lib/router/router_impl.h"
#include "lib/router/row_cursor.h"
#include "lib/router/target.h"
#include "lib/sql/classify.h"
#include "lib/sql/lexer.h"

namespace tessera::router {
namespace {

BindValue ToBind(const mysql::ParamValue& p) {
  using K = mysql::ParamValue::Kind;
  switch (p.kind) {
    case K::kNull:
      return BindValue::Null();
    case K::kInt:
      return {BindValue::Kind::kInt, p.text};
    case K::kUint:
      return {BindValue::Kind::kUint, p.text};
    case K::kDouble:
      return {BindValue::Kind::kDouble, p.text};
    case K::kDecimal:
      return {BindValue::Kind::kDecimal, p.text};
    case K::kString:
    case K::kTemporal:
      return BindValue::String(p.text);
  }
  return BindValue::Null();
}

// KILL QUERY and the gateway's query timeout: kills the shard queries of
// the statement running on the session (ActiveQueries), and those of the
// server-side cursor being opened or fetched from, which keeps its own.
class ShardQueryCanceller : public mysql::QueryCanceller {
 public:
  explicit ShardQueryCanceller(std::shared_ptr<mysql::ActiveQueries> active)
      : active_(std::move(active)) {}
  void Cancel() override {
    active_->Cancel();
    std::shared_ptr<mysql::ActiveQueries> cursor;
    {
      absl::MutexLock lock(&mu_);
      cursor = cursor_;
    }
    if (cursor != nullptr) cursor->Cancel();
  }
  // The cursor a call is opening or reading now (null: none).
  void set_cursor(std::shared_ptr<mysql::ActiveQueries> cursor) {
    absl::MutexLock lock(&mu_);
    cursor_ = std::move(cursor);
  }

 private:
  std::shared_ptr<mysql::ActiveQueries> active_;
  absl::Mutex mu_;
  std::shared_ptr<mysql::ActiveQueries> cursor_ ABSL_GUARDED_BY(mu_);
};

// Points the canceller at a cursor's queries for one call.
class CursorScope {
 public:
  CursorScope(ShardQueryCanceller* canceller,
              std::shared_ptr<mysql::ActiveQueries> cursor)
      : canceller_(canceller) {
    if (canceller_ != nullptr) canceller_->set_cursor(std::move(cursor));
  }
  ~CursorScope() {
    if (canceller_ != nullptr) canceller_->set_cursor(nullptr);
  }
  CursorScope(const CursorScope&) = delete;
  CursorScope& operator=(const CursorScope&) = delete;

 private:
  ShardQueryCanceller* canceller_;
};

// Marks a client statement's boundaries in ActiveQueries (may be null).
class StatementScope {
 public:
  explicit StatementScope(mysql::ActiveQueries* active) : active_(active) {
    if (active_ != nullptr) active_->Begin();
  }
  ~StatementScope() {
    if (active_ != nullptr) active_->End();
  }
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;

 private:
  mysql::ActiveQueries* active_;
};

// A SELECT's rows pulled from the router as the client fetches them.
// KILL QUERY during a fetch reaches the cursor's shard queries.
class RouterResultCursor : public mysql::ResultCursor {
 public:
  RouterResultCursor(std::unique_ptr<RouterRowCursor> rows,
                     std::shared_ptr<ShardQueryCanceller> canceller)
      : rows_(std::move(rows)), canceller_(std::move(canceller)) {}
  const std::vector<Field>& fields() const override { return rows_->fields(); }
  absl::StatusOr<bool> Next(Row* row) override {
    CursorScope scope(canceller_.get(), rows_->active_queries());
    return rows_->Next(row);
  }

 private:
  std::unique_ptr<RouterRowCursor> rows_;
  std::shared_ptr<ShardQueryCanceller> canceller_;  // may be null
};

class RouterMysqlSession : public mysql::Session {
 public:
  RouterMysqlSession(tessera::Router* router,
                     std::unique_ptr<tessera::Session> session, bool tracking)
      : router_(router), session_(std::move(session)), tracking_(tracking) {
    // Only the library's own router can interrupt shard queries.
    if (auto* impl = dynamic_cast<SessionImpl*>(session_.get())) {
      active_ = impl->active_queries();
      canceller_ = std::make_shared<ShardQueryCanceller>(active_);
    }
  }

  std::shared_ptr<mysql::QueryCanceller> canceller() override {
    return canceller_;
  }
  // The library's router splits the file among the shards (load_data.h).
  bool SupportsLocalInfile() const override {
    return dynamic_cast<RouterImpl*>(router_) != nullptr;
  }

  mysql::QueryResult Query(absl::string_view sql,
                           const mysql::QueryOptions& options) override {
    StatementScope scope(active_.get());
    mysql::QueryResult out;
    if (auto* impl = dynamic_cast<RouterImpl*>(router_);
        impl != nullptr && options.local_infile != nullptr) {
      auto r = impl->LoadDataLocal(*session_, sql, *options.local_infile);
      if (r.ok()) {
        out.results.push_back(std::move(*r));
      } else {
        out.error = r.status();
      }
      out.status_flags = StatusFlags();
      return out;
    }
    std::vector<absl::string_view> stmts =
        options.multi_statements ? sql::SplitStatements(sql)
                                 : std::vector<absl::string_view>{sql};
    if (stmts.empty()) stmts.push_back(sql);  // the router reports 1065
    for (absl::string_view s : stmts) {
      const std::string target = tracking_ ? session_->target() : "";
      auto r = router_->Execute(*session_, s);
      if (!r.ok()) {
        out.error = r.status();
        break;
      }
      out.results.push_back(std::move(*r));
      if (tracking_) Track(s, target, &out.session_state);
    }
    out.status_flags = StatusFlags();
    return out;
  }

  absl::StatusOr<mysql::PrepareInfo> Prepare(absl::string_view sql) override {
    StatementScope scope(active_.get());
    sql::LexResult lex;
    if (absl::Status s = sql::Lex(sql, {}, &lex); !s.ok()) return s;
    mysql::PrepareInfo info;
    for (const sql::Token& t : lex.tokens) {
      if (t.kind == sql::Tok::kParam) ++info.num_params;
    }
    // Drivers read the result columns from the prepare answer (libmariadb
    // fails with 2014 when an execution returns columns the prepare did
    // not announce). Find them by running the SELECT with every parameter
    // NULL (a WHERE on NULL matches nothing), or 0 where NULL is not
    // valid SQL (LIMIT ?). Unknown tables and columns fail the prepare, as
    // on one server.
    if (sql::ClassifyTokens(lex.tokens, sql) == sql::StmtKind::kSelect) {
      std::vector<BindValue> nulls(info.num_params, BindValue::Null());
      auto r = router_->Execute(*session_, sql, nulls);
      if (!r.ok() && info.num_params > 0) {
        std::vector<BindValue> zeros(info.num_params, BindValue::Int(0));
        r = router_->Execute(*session_, sql, zeros);
      }
      if (!r.ok()) return r.status();
      info.columns = std::move(r->fields);
    }
    return info;
  }

  mysql::QueryResult Execute(
      absl::string_view sql,
      absl::Span<const mysql::ParamValue> params) override {
    StatementScope scope(active_.get());
    std::vector<BindValue> binds;
    for (const auto& p : params) binds.push_back(ToBind(p));
    mysql::QueryResult out;
    const std::string target = tracking_ ? session_->target() : "";
    auto r = router_->Execute(*session_, sql, binds);
    if (!r.ok()) {
      out.error = r.status();
    } else {
      out.results.push_back(std::move(*r));
      if (tracking_) Track(sql, target, &out.session_state);
    }
    out.status_flags = StatusFlags();
    return out;
  }

  // A SELECT streams from the engine (row_cursor.h); anything else runs as
  // Execute does.
  mysql::CursorExecution ExecuteCursor(
      absl::string_view sql,
      absl::Span<const mysql::ParamValue> params) override {
    auto* impl = dynamic_cast<RouterImpl*>(router_);
    if (impl == nullptr) return {Execute(sql, params), nullptr};
    mysql::CursorExecution out;
    {
      StatementScope scope(active_.get());
      std::vector<BindValue> binds;
      for (const auto& p : params) binds.push_back(ToBind(p));
      auto queries = std::make_shared<mysql::ActiveQueries>();
      queries->Begin();
      CursorScope cursor_scope(canceller_.get(), queries);
      auto c = impl->OpenRowCursor(*session_, sql, binds, queries);
      if (!c.ok()) {
        out.result.error = c.status();
      } else if (*c != nullptr) {
        out.cursor =
            std::make_unique<RouterResultCursor>(std::move(*c), canceller_);
      }
    }
    if (out.cursor == nullptr && out.result.error.ok()) {
      return {Execute(sql, params), nullptr};
    }
    out.result.status_flags = StatusFlags();
    return out;
  }

  absl::Status InitDb(absl::string_view database) override {
    // Quote the name so COM_INIT_DB cannot smuggle in other SQL.
    auto r = router_->Execute(
        *session_,
        absl::StrCat("USE `", absl::StrReplaceAll(database, {{"`", "``"}}),
                     "`"));
    return r.status();
  }

  absl::Status Reset() override {
    std::string target = session_->target();
    auto s = router_->NewSession(target);
    if (!s.ok()) return s.status();
    session_ = std::move(*s);
    // The server keeps the canceller it got: the new session shares it.
    if (auto* impl = dynamic_cast<SessionImpl*>(session_.get());
        impl != nullptr && active_ != nullptr) {
      impl->set_active_queries(active_);
    }
    return absl::OkStatus();
  }

 private:
  // Session tracking after statement `sql` succeeded: the variables a SET
  // changed, and the schema when the target moved (USE).
  void Track(absl::string_view sql, const std::string& target_before,
             mysql::SessionStateChanges* out) const {
    TrackStatement(sql, out);
    std::string target = session_->target();
    if (target != target_before) {
      out->schema = std::move(target);
      out->state_changed = true;
    }
  }

  uint16_t StatusFlags() const {
    return (session_->in_transaction() ? mysql::status::kInTrans : 0) |
           (session_->autocommit() ? mysql::status::kAutocommit : 0);
  }

  tessera::Router* router_;
  std::unique_ptr<tessera::Session> session_;
  std::shared_ptr<mysql::ActiveQueries> active_;
  std::shared_ptr<ShardQueryCanceller> canceller_;
  const bool tracking_;  // SessionContext::session_tracking
};

class Factory : public mysql::SessionFactory {
 public:
  explicit Factory(tessera::Router* router) : router_(router) {}
  absl::StatusOr<std::unique_ptr<mysql::Session>> Create(
      const mysql::SessionContext& context) override {
    auto s = router_->NewSession(context.database);
    if (!s.ok()) return s.status();
    return std::unique_ptr<mysql::Session>(new RouterMysqlSession(
        router_, std::move(*s), context.session_tracking));
  }

 private:
  tessera::Router* router_;
};

}  // namespace

std::unique_ptr<mysql::SessionFactory> NewRouterSessionFactory(
    tessera::Router* router) {
  return std::make_unique<Factory>(router);
}

}  // namespace tessera::router
