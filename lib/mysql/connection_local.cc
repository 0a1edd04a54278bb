// What the server answers itself: KILL, SHOW PROCESSLIST, CONNECTION_ID(),
// COM_FIELD_LIST, COM_PROCESS_KILL; and the process state they read.
#include <algorithm>
#include <chrono>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/connection.h"
#include "lib/mysql/result_writer.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

constexpr uint16_t kKillDenied = 1095;        // HY000
constexpr uint16_t kConnectionKilled = 1927;  // 70100 (MariaDB)
constexpr size_t kProcessListInfoChars = 100;

Field MakeField(absl::string_view name, FieldType type, uint32_t flags = 0) {
  Field f;
  f.name = std::string(name);
  f.type = type;
  f.flags = flags;
  bool text = type == FieldType::kVarString;
  f.charset = text ? kUtf8mb4GeneralCi : kBinaryCollation;
  f.column_length = text ? 1024 : 21;
  return f;
}

// SQL LIKE on column names ('%', '_', '\' escapes), for COM_FIELD_LIST.
bool Like(absl::string_view s, absl::string_view p) {
  if (p.empty()) return s.empty();
  if (p[0] == '%') {
    for (size_t i = 0; i <= s.size(); ++i) {
      if (Like(s.substr(i), p.substr(1))) return true;
    }
    return false;
  }
  if (s.empty()) return false;
  if (p[0] == '\\' && p.size() > 1) {
    return s[0] == p[1] && Like(s.substr(1), p.substr(2));
  }
  if (p[0] != '_' &&
      absl::ascii_tolower(static_cast<unsigned char>(p[0])) !=
          absl::ascii_tolower(static_cast<unsigned char>(s[0]))) {
    return false;
  }
  return Like(s.substr(1), p.substr(1));
}

}  // namespace

void Connection::BeginCommand(const char* command, absl::string_view sql) {
  absl::MutexLock lock(&state_mu_);
  state_.command = command;
  state_.sql = sql;
  state_.since = std::chrono::steady_clock::now();
  state_.running = true;
  state_.timed_out = false;
  interrupted_.store(false, std::memory_order_relaxed);
}

absl::Status Connection::EndCommand(const absl::Status& error) {
  bool timed_out = false;
  {
    absl::MutexLock lock(&state_mu_);
    NoteCallTime(std::chrono::steady_clock::now() - state_.since);
    state_.command = "Sleep";
    state_.sql = absl::string_view();
    state_.since = std::chrono::steady_clock::now();
    state_.running = false;
    timed_out = state_.timed_out;
  }
  if (timed_out && !error.ok()) {
    return MysqlError(er::kStatementTimeout, "70100",
                      "Query execution was interrupted (max_statement_time "
                      "exceeded)");
  }
  return error;
}

void Connection::NoteCallTime(std::chrono::steady_clock::duration elapsed) {
  absl::Duration limit = server_->options.inline_threshold;
  if (limit <= absl::ZeroDuration() || !server_->workers) return;
  if (absl::FromChrono(elapsed) > limit) {
    inline_ = false;
    fast_streak_ = 0;
  } else if (!inline_ && ++fast_streak_ >= kInlineStreak) {
    inline_ = true;
  }
}

void Connection::SetSession(std::unique_ptr<Session> session,
                            const std::string& user,
                            const std::string& database) {
  std::shared_ptr<QueryCanceller> canceller =
      session ? session->canceller() : nullptr;
  session_.swap(session);
  relay_ = session_ ? session_->relay() : nullptr;
  {
    absl::MutexLock lock(&state_mu_);
    state_.user = user;
    state_.db = database;
    state_.canceller = std::move(canceller);
    state_.command = "Sleep";
    state_.since = std::chrono::steady_clock::now();
  }
  // The previous session, now in `session`, is destroyed here, unlocked.
}

ProcessInfo Connection::Snapshot(
    std::chrono::steady_clock::time_point now) const {
  ProcessInfo p;
  p.id = id_;
  p.host = client_address_;
  absl::MutexLock lock(&state_mu_);
  p.user = state_.user;
  p.db = state_.db;
  p.command = state_.command;
  p.time_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now - state_.since)
          .count();
  p.info = std::string(state_.sql);
  p.state = state_.running ? "executing" : "";
  return p;
}

std::string Connection::user() const {
  absl::MutexLock lock(&state_mu_);
  return state_.user;
}

std::shared_ptr<QueryCanceller> Connection::KillQuery() {
  absl::MutexLock lock(&state_mu_);
  if (!state_.running) return nullptr;
  interrupted_.store(true, std::memory_order_relaxed);
  return state_.canceller;
}

std::shared_ptr<QueryCanceller> Connection::ExpireBefore(
    std::chrono::steady_clock::time_point deadline) {
  absl::MutexLock lock(&state_mu_);
  if (!state_.running || state_.timed_out || state_.since >= deadline) {
    return nullptr;
  }
  state_.timed_out = true;
  interrupted_.store(true, std::memory_order_relaxed);
  ++server_->timed_out;
  return state_.canceller;
}

void Connection::Observe(Command command, absl::string_view sql,
                         std::chrono::steady_clock::time_point start,
                         const QueryResult* result, const absl::Status& error) {
  ServerObserver* observer = server_->options.observer;
  if (observer == nullptr) return;
  CommandEvent e;
  e.connection_id = id_;
  e.user = user_;
  e.command = command;
  e.sql = sql;
  e.elapsed = absl::FromChrono(std::chrono::steady_clock::now() - start);
  e.error_code = error.ok() ? 0 : ToMysqlError(error).code;
  if (result != nullptr) {
    for (const Result& r : result->results) {
      e.rows += r.rows.size();
      e.affected_rows += r.affected_rows;
    }
  }
  observer->OnCommand(e);
}

asio::awaitable<bool> Connection::HandleLocal(
    absl::string_view sql, std::chrono::steady_clock::time_point start) {
  LocalStatement local = ClassifyLocalStatement(sql);
  using Kind = LocalStatement::Kind;
  switch (local.kind) {
    case Kind::kNone:
      co_return false;
    case Kind::kLoadDataLocal:
      co_await HandleLoadDataLocal(sql, local.file_name, start);
      co_return true;
    case Kind::kUnsupported:
      io_.Queue(EncodeErr(UnsupportedError("unsupported: " + local.reason)));
      break;
    case Kind::kKillConnection:
    case Kind::kKillQuery:
      co_await HandleKill(local.thread_id, local.kind == Kind::kKillQuery);
      break;
    case Kind::kProcessList:
      HandleProcessList(local.full);
      break;
    case Kind::kConnectionId: {
      QueryResult result;
      Result r;
      r.fields.push_back(MakeField(local.column_name, FieldType::kLongLong,
                                   /*NOT_NULL|UNSIGNED|BINARY*/ 1 | 32 | 128));
      r.rows.push_back({Value::Text(absl::StrCat(id_))});
      result.results.push_back(std::move(r));
      result.status_flags = status_flags_;
      WriterContext ctx = io_.writer();
      ctx.capabilities = capabilities_;
      AppendQueryResult(result, /*binary=*/false, {}, ctx);
      break;
    }
  }
  Observe(Command::kQuery, sql, start, nullptr, absl::OkStatus());
  co_return true;
}

asio::awaitable<void> Connection::HandleProcessKill(absl::string_view payload) {
  WireReader r(payload);
  uint32_t id = r.Int4();
  if (!r.ok()) {
    io_.Queue(EncodeErr(er::kHandshakeError, "08S01", "Malformed packet"));
    co_return;
  }
  co_await HandleKill(id, /*query_only=*/false);
}

asio::awaitable<void> Connection::HandleKill(uint64_t id, bool query_only) {
  std::shared_ptr<Connection> target;
  {
    absl::MutexLock lock(&server_->mu);
    auto it = server_->connections.find(static_cast<uint32_t>(id));
    if (id <= 0xFFFFFFFFu && it != server_->connections.end()) {
      target = it->second.lock();
    }
  }
  if (!target) {
    io_.Queue(EncodeErr(er::kNoSuchThread, "HY000",
                        absl::StrCat("Unknown thread id: ", id)));
    co_return;
  }
  if (!admin_ && target->user() != user_) {
    io_.Queue(EncodeErr(kKillDenied, "HY000",
                        absl::StrCat("You are not owner of thread ", id)));
    co_return;
  }
  ++server_->killed;
  if (target.get() == this && !query_only) {
    io_.Queue(EncodeErr(kConnectionKilled, "70100", "Connection was killed"));
    close_requested_ = true;
    co_return;
  }
  if (std::shared_ptr<QueryCanceller> canceller = target->KillQuery()) {
    auto job = RunOnWorker(server_->workers, [canceller] {
      canceller->Cancel();
      return 0;
    });
    co_await std::move(job);
  }
  if (!query_only) target->Cancel();
  OkInfo ok;
  ok.status_flags = status_flags_;
  io_.Queue(EncodeOk(ok));
}

void Connection::HandleProcessList(bool full) {
  std::vector<std::shared_ptr<Connection>> all;
  {
    absl::MutexLock lock(&server_->mu);
    for (const auto& [id, weak] : server_->connections) {
      if (auto c = weak.lock()) all.push_back(std::move(c));
    }
  }
  auto now = std::chrono::steady_clock::now();
  std::vector<ProcessInfo> rows;
  for (const auto& c : all) {
    ProcessInfo p = c->Snapshot(now);
    if (c.get() == this) {  // this connection runs SHOW PROCESSLIST itself
      p.command = "Query";
      p.time_seconds = 0;
      p.state = "executing";
      p.info = full ? "SHOW FULL PROCESSLIST" : "SHOW PROCESSLIST";
    }
    if (admin_ || p.user == user_) rows.push_back(std::move(p));
  }
  std::sort(
      rows.begin(), rows.end(),
      [](const ProcessInfo& a, const ProcessInfo& b) { return a.id < b.id; });
  Result r;
  for (const char* name : {"Id", "User", "Host", "db", "Command", "Time",
                           "State", "Info", "Progress"}) {
    absl::string_view n(name);
    FieldType type = n == "Id" || n == "Time" ? FieldType::kLongLong
                     : n == "Progress"        ? FieldType::kNewDecimal
                                              : FieldType::kVarString;
    r.fields.push_back(MakeField(n, type));
  }
  for (ProcessInfo& p : rows) {
    if (!full && p.info.size() > kProcessListInfoChars) {
      p.info.resize(kProcessListInfoChars);
    }
    r.rows.push_back(
        {Value::Text(absl::StrCat(p.id)), Value::Text(p.user),
         Value::Text(p.host), p.db.empty() ? Value::Null() : Value::Text(p.db),
         Value::Text(p.command), Value::Text(absl::StrCat(p.time_seconds)),
         Value::Text(p.state),
         p.info.empty() ? Value::Null() : Value::Text(p.info),
         Value::Text("0.000")});
  }
  QueryResult result;
  result.results.push_back(std::move(r));
  result.status_flags = status_flags_;
  WriterContext ctx = io_.writer();
  ctx.capabilities = capabilities_;
  AppendQueryResult(result, /*binary=*/false, {}, ctx);
}

asio::awaitable<void> Connection::HandleFieldList(absl::string_view payload) {
  size_t nul = payload.find('\0');
  absl::string_view table = payload.substr(0, nul);
  absl::string_view wildcard =
      nul == absl::string_view::npos ? "" : payload.substr(nul + 1);
  if (!wildcard.empty() && wildcard.back() == '\0') wildcard.remove_suffix(1);
  if (table.empty()) {
    io_.Queue(EncodeErr(er::kWrongArguments, "HY000",
                        "Incorrect arguments to COM_FIELD_LIST"));
    co_return;
  }
  std::string sql =
      absl::StrCat("SELECT * FROM `", absl::StrReplaceAll(table, {{"`", "``"}}),
                   "` LIMIT 0");
  Session* session = session_.get();
  BeginCommand("Field List", table);
  auto job = RunOnWorker(SessionPool(), [session, &sql] {
    return session->Query(sql, QueryOptions{});
  });
  QueryResult result = co_await std::move(job);
  result.error = EndCommand(result.error);
  if (!result.error.ok() || result.results.empty()) {
    io_.Queue(EncodeErr(result.error.ok() ? InternalMysqlError("no columns")
                                          : result.error));
    co_return;
  }
  for (const Field& f : result.results[0].fields) {
    if (!wildcard.empty() && !Like(f.name, wildcard)) continue;
    std::string packet = EncodeColumnDefinition(f);
    packet.push_back(static_cast<char>(0xFB));  // default value: NULL
    io_.Queue(packet);
  }
  OkInfo ok;
  ok.status_flags = status_flags_;
  io_.Queue((capabilities_ & cap::kDeprecateEof) != 0
                ? EncodeOk(ok, 0xFE)
                : EncodeEof(0, status_flags_));
}

}  // namespace tessera::mysql
