#include "lib/router/router_impl.h"

#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/operator.h"
#include "lib/planner/planner.h"
#include "lib/router/next_values.h"
#include "lib/router/params.h"
#include "lib/router/vindex_executor.h"
#include "lib/sql/format.h"
#include "lib/sql/normalize.h"
#include "lib/vindex/builtin.h"
#include "lib/vschema/loader.h"

namespace tessera {

uint16_t ErrorCode(const absl::Status& status) {
  return status.ok() ? 0 : ToMysqlError(status).code;
}

std::string ErrorSqlState(const absl::Status& status) {
  return status.ok() ? "00000" : ToMysqlError(status).sqlstate;
}

absl::StatusOr<std::unique_ptr<Router>> Router::Create(
    const RouterOptions& options) {
  auto r = router::RouterImpl::Create(options);
  if (!r.ok()) return r.status();
  return std::unique_ptr<Router>(std::move(*r));
}

namespace router {
namespace {

bool IsDdl(sql::StmtKind k) {
  switch (k) {
    case sql::StmtKind::kCreateTable:
    case sql::StmtKind::kAlterTable:
    case sql::StmtKind::kDropTable:
    case sql::StmtKind::kTruncate:
    case sql::StmtKind::kRenameTable:
    case sql::StmtKind::kCreateIndex:
    case sql::StmtKind::kDropIndex:
    case sql::StmtKind::kCreateView:
    case sql::StmtKind::kAlterView:
    case sql::StmtKind::kDropView:
      return true;
    default:
      return false;
  }
}

// "EXPLAIN FORMAT=tessera <stmt>" → "<stmt>"; nullopt for other EXPLAINs.
std::optional<absl::string_view> TesseraExplainTarget(absl::string_view sql) {
  absl::string_view rest = absl::StripLeadingAsciiWhitespace(sql);
  auto eat = [&rest](absl::string_view word) {
    if (rest.size() < word.size() ||
        !absl::EqualsIgnoreCase(rest.substr(0, word.size()), word)) {
      return false;
    }
    rest = absl::StripLeadingAsciiWhitespace(rest.substr(word.size()));
    return true;
  };
  if (eat("explain") && eat("format") && eat("=") && eat("tessera")) {
    return rest;
  }
  return std::nullopt;
}

absl::string_view TokenText(const sql::ParsedStatement& stmt,
                            const sql::Token& t) {
  return stmt.sql().substr(t.pos, t.len);
}

// SHOW DATABASES / SCHEMAS / KEYSPACES: the router's keyspaces. Patterns
// (LIKE/WHERE) are refused rather than answered from one shard's schemas.
absl::StatusOr<bool> IsShowKeyspaces(const sql::ParsedStatement& stmt) {
  if (!stmt.root()->opaque) return false;
  const auto& tokens = static_cast<const sql::OtherStmt*>(stmt.root())->tokens;
  if (tokens.size < 2) return false;
  absl::string_view what = TokenText(stmt, tokens[1]);
  if (!absl::EqualsIgnoreCase(what, "databases") &&
      !absl::EqualsIgnoreCase(what, "schemas") &&
      !absl::EqualsIgnoreCase(what, "keyspaces")) {
    return false;
  }
  for (uint32_t i = 2; i < tokens.size; ++i) {
    if (tokens[i].kind != sql::Tok::kSemicolon) {
      return UnsupportedError("unsupported: SHOW DATABASES with LIKE or WHERE");
    }
  }
  return true;
}

// SET statements the router accepts: NAMES / CHARACTER SET (backends are
// utf8mb4 already) and autocommit=1 (every statement commits on its own).
absl::Status CheckSet(const sql::ParsedStatement& stmt) {
  const auto* set = static_cast<const sql::SetStmt*>(stmt.root());
  for (const sql::SetItem& item : set->items) {
    if (item.kind == sql::SetItemKind::kNames ||
        item.kind == sql::SetItemKind::kCharset) {
      continue;
    }
    if (item.kind == sql::SetItemKind::kVar && item.target != nullptr &&
        item.value != nullptr && item.scope != sql::VarScope::kGlobal) {
      std::string name, value;
      sql::FormatExpr(*item.target, stmt.sql(), {}, &name);
      sql::FormatExpr(*item.value, stmt.sql(), {}, &value);
      name = absl::AsciiStrToLower(name);
      value = absl::AsciiStrToLower(value);
      for (absl::string_view prefix : {"@@session.", "@@local.", "@@"}) {
        if (absl::StartsWith(name, prefix)) {
          name = name.substr(prefix.size());
          break;
        }
      }
      if (name == "autocommit" &&
          (value == "1" || value == "on" || value == "true")) {
        continue;
      }
    }
    return UnsupportedError(absl::StrCat(
        "unsupported: SET through the router (only NAMES, CHARACTER SET and "
        "autocommit=1): ",
        stmt.sql().substr(0, 80)));
  }
  return absl::OkStatus();
}

Field TextField(std::string name) {
  Field f;
  f.name = std::move(name);
  f.type = FieldType::kVarString;
  f.charset = 45;
  return f;
}

}  // namespace

RouterImpl::RouterImpl(const RouterOptions& options)
    : options_(options),
      registry_(vindex::NewBuiltinRegistry()),
      cursor_(engine::MysqlCursorOptions{
          options.query_timeout_ms > 0
              ? absl::Milliseconds(options.query_timeout_ms)
              : absl::ZeroDuration(),
          true}),
      plan_cache_(options.plan_cache_bytes) {}

absl::StatusOr<std::unique_ptr<RouterImpl>> RouterImpl::Create(
    const RouterOptions& options) {
  if (!options.topo_url.empty()) {
    return UnsupportedError(
        "unsupported: a topology-backed router is not wired yet; pass "
        "vschema_json and shards");
  }
  if (options.transaction_mode == TransactionMode::kTwoPC) {
    return UnsupportedError("unsupported: twopc transaction mode");
  }
  auto r = std::unique_ptr<RouterImpl>(new RouterImpl(options));
  TESSERA_ASSIGN_OR_RETURN(auto src,
                           vschema::ParseVSchemaJson(options.vschema_json));
  TESSERA_ASSIGN_OR_RETURN(r->vschema_,
                           vschema::VSchema::Build(src, r->registry_));
  std::map<std::string, std::map<std::string, mysql::PoolOptions>> shards;
  for (const ShardAddress& a : options.shards) {
    if (a.tablet_type != "primary") continue;  // replicas: not routed yet
    if (r->vschema_->FindKeyspace(a.keyspace) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "shard ", a.keyspace, "/", a.shard, ": keyspace not in the vschema"));
    }
    mysql::PoolOptions p;
    p.connect.host = a.host;
    p.connect.port = a.port;
    p.connect.user = options.user;
    p.connect.password = options.password;
    p.connect.database = a.keyspace;
    p.connect.tls.enabled = options.tls.enabled;
    p.connect.tls.require = options.tls.enabled;
    p.connect.tls.ca_file = options.tls.ca_file;
    p.connect.tls.cert_file = options.tls.cert_file;
    p.connect.tls.key_file = options.tls.key_file;
    p.connect.tls.verify_server_cert = options.tls.verify_server_certificate;
    p.max_size = static_cast<size_t>(options.max_connections_per_shard);
    shards[a.keyspace][a.shard] = p;
  }
  for (const auto& [ks, s] : shards) {
    TESSERA_RETURN_IF_ERROR(r->cursor_.AddKeyspace(ks, s));
  }
  for (const auto& [ks, schema] : r->vschema_->keyspaces()) {
    if (shards.find(ks) == shards.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("keyspace ", ks, " has no primary shard address"));
    }
  }
  return r;
}

absl::StatusOr<std::unique_ptr<tessera::Session>> RouterImpl::NewSession(
    absl::string_view target) {
  TESSERA_ASSIGN_OR_RETURN(Target t, ParseTarget(target));
  if (t.has_keyspace() && vschema_->FindKeyspace(t.keyspace) == nullptr) {
    return MysqlError(er::kBadDb, "42000",
                      absl::StrCat("Unknown database '", t.keyspace, "'"));
  }
  return std::unique_ptr<tessera::Session>(new SessionImpl(std::move(t)));
}

absl::StatusOr<std::shared_ptr<const planner::Plan>> RouterImpl::GetPlan(
    SessionImpl& s, sql::ParsedStatement& stmt, sqltypes::BindVars* vars) {
  std::vector<sql::BindValue> binds;
  sql::NormalizeStatement(&stmt, &binds);
  TESSERA_ASSIGN_OR_RETURN(*vars, ToBindVars(binds));
  std::string key =
      absl::StrCat(FormatTarget(s.parsed_target()), "\x1f", sql::Format(stmt));
  if (auto plan = plan_cache_.Get(key)) return plan;
  planner::PlannerContext ctx;
  ctx.vschema = vschema_.get();
  ctx.target = s.parsed_target();
  TESSERA_ASSIGN_OR_RETURN(planner::Plan plan,
                           planner::PlanStatement(stmt, ctx));
  auto shared = std::make_shared<const planner::Plan>(std::move(plan));
  plan_cache_.Put(key, shared, shared->bytes);
  return shared;
}

absl::StatusOr<Result> RouterImpl::RunUse(SessionImpl& s,
                                          const sql::ParsedStatement& stmt) {
  const auto* use = static_cast<const sql::UseStmt*>(stmt.root());
  std::string name(use->db.raw);
  TESSERA_ASSIGN_OR_RETURN(Target t, ParseTarget(name));
  if (t.has_keyspace() && vschema_->FindKeyspace(t.keyspace) == nullptr) {
    return MysqlError(er::kBadDb, "42000",
                      absl::StrCat("Unknown database '", t.keyspace, "'"));
  }
  s.set_target(std::move(t));
  return Result{};
}

absl::StatusOr<Result> RouterImpl::ShowKeyspaces() const {
  Result r;
  r.fields.push_back(TextField("Database"));
  for (const auto& [name, ks] : vschema_->keyspaces()) {
    r.rows.push_back({Value::Text(name)});
  }
  return r;
}

// DDL goes to every shard of the session's keyspace; SHOW and other
// statements about the schema to any one shard.
absl::StatusOr<Result> RouterImpl::RunOnShards(SessionImpl& s,
                                               absl::string_view sql,
                                               bool all_shards) {
  std::string ks = s.parsed_target().keyspace;
  if (ks.empty()) {
    if (vschema_->keyspaces().size() != 1) {
      return MysqlError(er::kNoDb, "3D000", "No database selected");
    }
    ks = vschema_->keyspaces().begin()->first;
  }
  engine::Destination dest = all_shards ? engine::Destination::AllShards()
                                        : engine::Destination::AnyShard();
  if (!s.parsed_target().shard.empty()) {
    dest = engine::Destination::Shards({s.parsed_target().shard});
  }
  TESSERA_ASSIGN_OR_RETURN(auto shards, cursor_.ResolveShards(ks, dest));
  std::vector<engine::ShardQuery> queries;
  sqltypes::BindVars none;
  for (const auto& shard : shards) {
    queries.push_back({ks, shard, std::string(sql), &none});
  }
  TESSERA_ASSIGN_OR_RETURN(auto streams, cursor_.Execute(queries));
  Result out;
  for (size_t i = 0; i < streams.size(); ++i) {
    Row row;
    Result one;
    one.fields = streams[i]->fields();
    while (true) {
      TESSERA_ASSIGN_OR_RETURN(bool more, streams[i]->Next(&row));
      if (!more) break;
      one.rows.push_back(row);
    }
    if (i == 0) {
      out = std::move(one);
    }
    out.affected_rows = streams[i]->affected_rows();
  }
  return out;
}

absl::StatusOr<Result> RouterImpl::Run(SessionImpl& s, absl::string_view sql,
                                       ResultSink* sink) {
  engine::ExecContext ctx;
  ctx.cursor = &cursor_;
  ctx.limits.max_result_rows = options_.max_result_rows;
  ctx.limits.max_result_bytes = options_.max_result_bytes;
  VindexExecutor vindex_executor(vschema_.get(), &cursor_, ctx.limits,
                                 &sequences_);
  ctx.vindex_executor = &vindex_executor;
  ctx.sequences = &sequences_;
  TESSERA_ASSIGN_OR_RETURN(auto next, ParseNextValues(sql));
  if (next.has_value()) {
    return RunNextValues(*next, s.parsed_target().keyspace, *vschema_,
                         sequences_, &vindex_executor);
  }
  TESSERA_ASSIGN_OR_RETURN(sql::ParsedStatement stmt, sql::Parse(sql));
  switch (stmt.kind()) {
    case sql::StmtKind::kUse:
      return RunUse(s, stmt);
    case sql::StmtKind::kBegin:
    case sql::StmtKind::kCommit:
    case sql::StmtKind::kRollback:
    case sql::StmtKind::kSavepoint:
    case sql::StmtKind::kReleaseSavepoint:
    case sql::StmtKind::kXa:
      return UnsupportedError(
          "unsupported: transactions through the router are not available "
          "yet; each statement commits on its own (autocommit)");
    case sql::StmtKind::kShow: {
      TESSERA_ASSIGN_OR_RETURN(bool keyspaces, IsShowKeyspaces(stmt));
      if (keyspaces) return ShowKeyspaces();
      return RunOnShards(s, sql, /*all_shards=*/false);
    }
    case sql::StmtKind::kSet:
      TESSERA_RETURN_IF_ERROR(CheckSet(stmt));
      return Result{};
    case sql::StmtKind::kSelect:
    case sql::StmtKind::kInsert:
    case sql::StmtKind::kUpdate:
    case sql::StmtKind::kDelete:
      break;
    case sql::StmtKind::kDescribe:
      return RunOnShards(s, sql, false);
    case sql::StmtKind::kExplain:
      if (std::optional<absl::string_view> inner = TesseraExplainTarget(sql)) {
        TESSERA_ASSIGN_OR_RETURN(std::string json, ExplainJson(s, *inner));
        Result r;
        r.fields.push_back(TextField("plan"));
        r.rows.push_back({Value::Text(std::move(json))});
        return r;
      }
      return RunOnShards(s, sql, false);
    default:
      if (IsDdl(stmt.kind())) return RunOnShards(s, sql, /*all_shards=*/true);
      return UnsupportedError(
          absl::StrCat("unsupported: this statement through the router: ",
                       sql.substr(0, 60)));
  }
  sqltypes::BindVars vars;
  TESSERA_ASSIGN_OR_RETURN(auto plan, GetPlan(s, stmt, &vars));
  if (sink == nullptr) {
    TESSERA_ASSIGN_OR_RETURN(Result r,
                             engine::ExecuteToResult(*plan->root, ctx, vars));
    if (r.last_insert_id != 0) s.set_last_insert_id(r.last_insert_id);
    if (plan->kind == planner::PlanKind::kSelect)
      s.set_found_rows(r.rows.size());
    return r;
  }
  TESSERA_ASSIGN_OR_RETURN(auto stream, plan->root->Open(ctx, vars));
  TESSERA_RETURN_IF_ERROR(sink->OnFields(stream->fields()));
  Row row;
  uint64_t n = 0;
  while (true) {
    TESSERA_ASSIGN_OR_RETURN(bool more, stream->Next(&row));
    if (!more) break;
    ++n;
    TESSERA_RETURN_IF_ERROR(sink->OnRow(std::move(row)));
    row = Row();
  }
  Result r;
  r.fields = stream->fields();
  r.affected_rows = stream->affected_rows();
  r.last_insert_id = stream->last_insert_id();
  if (plan->kind == planner::PlanKind::kSelect) s.set_found_rows(n);
  return r;
}

absl::StatusOr<Result> RouterImpl::Execute(tessera::Session& session,
                                           absl::string_view sql,
                                           absl::Span<const BindValue> params) {
  auto& s = static_cast<SessionImpl&>(session);
  if (params.empty() && sql.find('?') == absl::string_view::npos) {
    return Run(s, sql, nullptr);
  }
  TESSERA_ASSIGN_OR_RETURN(std::string text, SubstituteParams(sql, params));
  return Run(s, text, nullptr);
}

absl::StatusOr<Result> RouterImpl::StreamExecute(
    tessera::Session& session, absl::string_view sql,
    absl::Span<const BindValue> params, ResultSink& sink) {
  auto& s = static_cast<SessionImpl&>(session);
  if (params.empty() && sql.find('?') == absl::string_view::npos) {
    return Run(s, sql, &sink);
  }
  TESSERA_ASSIGN_OR_RETURN(std::string text, SubstituteParams(sql, params));
  return Run(s, text, &sink);
}

absl::StatusOr<std::string> RouterImpl::ExplainJson(tessera::Session& session,
                                                    absl::string_view sql) {
  auto& s = static_cast<SessionImpl&>(session);
  TESSERA_ASSIGN_OR_RETURN(sql::ParsedStatement stmt, sql::Parse(sql));
  sqltypes::BindVars vars;
  TESSERA_ASSIGN_OR_RETURN(auto plan, GetPlan(s, stmt, &vars));
  return planner::ExplainJson(*plan->explain);
}

}  // namespace router
}  // namespace tessera
