#include "lib/mysql/fake_backend_test_util.h"

#include <chrono>
#include <cstdlib>
#include <thread>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/binary_protocol.h"
#include "lib/mysql/scramble.h"

namespace tessera::mysql::testing {
namespace {

Field MakeField(absl::string_view name, FieldType type, uint32_t flags = 0) {
  Field f;
  f.name = std::string(name);
  f.org_name = f.name;
  f.table = "t";
  f.type = type;
  f.flags = flags;
  f.charset = type == FieldType::kVarString ? 45 : 63;
  f.column_length = type == FieldType::kNewDecimal ? 66 : 255;
  return f;
}

// Lets "sleep N" be interrupted from another thread.
class FakeCanceller : public QueryCanceller {
 public:
  void Cancel() override {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
  }
  // Sleeps up to `ms` or until cancelled; true if cancelled.
  bool Sleep(int ms) {
    absl::MutexLock lock(&mu_);
    cancelled_ = false;
    bool c = mu_.AwaitWithTimeout(absl::Condition(&cancelled_),
                                  absl::Milliseconds(ms));
    cancelled_ = false;
    return c;
  }

 private:
  absl::Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
};

absl::StatusOr<Result> RunOne(absl::string_view sql, FakeCanceller* canceller) {
  sql = absl::StripAsciiWhitespace(sql);
  Result r;
  int n = 0;
  if (absl::ConsumePrefix(&sql, "sleep ") && absl::SimpleAtoi(sql, &n)) {
    if (canceller->Sleep(n)) {
      return MysqlError(1317, "70100", "Query execution was interrupted");
    }
    r.fields.push_back(MakeField("slept", FieldType::kLongLong));
    r.rows.push_back({Value::Text(absl::StrCat(n))});
    return r;
  }
  if (sql == "SELECT * FROM `t` LIMIT 0") {
    r.fields.push_back(MakeField("id", FieldType::kLongLong));
    r.fields.push_back(MakeField("name", FieldType::kVarString));
    r.fields.push_back(MakeField("note", FieldType::kVarString));
    return r;
  }
  if (absl::ConsumePrefix(&sql, "select rows ") && absl::SimpleAtoi(sql, &n)) {
    r.fields.push_back(MakeField("n", FieldType::kLongLong));
    for (int i = 1; i <= n; ++i)
      r.rows.push_back({Value::Text(absl::StrCat(i))});
    return r;
  }
  if (absl::ConsumePrefix(&sql, "echo ")) {
    r.fields.push_back(MakeField("text", FieldType::kVarString));
    r.rows.push_back({Value::Text(std::string(sql))});
    return r;
  }
  if (sql == "insert") {
    r.affected_rows = 3;
    r.last_insert_id = 42;
    return r;
  }
  if (sql == "backend gone") {
    return MysqlError(2013, "08S01", "Lost connection to server during query");
  }
  if (sql == "backend down") {
    return MysqlError(2002, "08S01", "Can't connect to server on 'x' (115)");
  }
  if (sql == "fail")
    return MysqlError(1146, "42S02", "Table 't' doesn't exist");
  return ParseError(absl::StrCat("fake cannot run: ", sql.substr(0, 40)));
}

FieldType TypeOfParam(const ParamValue& p) {
  switch (p.type & 0xFF) {
    case 1:
      return FieldType::kTiny;
    case 2:
      return FieldType::kShort;
    case 3:
      return FieldType::kLong;
    case 8:
      return FieldType::kLongLong;
    case 4:
      return FieldType::kFloat;
    case 5:
      return FieldType::kDouble;
    case 7:
      return FieldType::kTimestamp;
    case 10:
      return FieldType::kDate;
    case 11:
      return FieldType::kTime;
    case 12:
      return FieldType::kDateTime;
    case 246:
      return FieldType::kNewDecimal;
    case 252:
      return FieldType::kBlob;
    default:
      return FieldType::kVarString;
  }
}

// "stream slowly" as a server-side cursor: rows 1..1,000,000, 1 ms each,
// deaf to the canceller, so only the server's own check between rows can
// stop a fetch early.
class SlowCursor : public ResultCursor {
 public:
  SlowCursor() { fields_.push_back(MakeField("n", FieldType::kLongLong)); }
  const std::vector<Field>& fields() const override { return fields_; }
  absl::StatusOr<bool> Next(Row* row) override {
    if (next_ > 1000000) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    *row = {Value::Text(absl::StrCat(next_++))};
    return true;
  }

 private:
  std::vector<Field> fields_;
  int next_ = 1;
};

class FakeSession : public Session {
 public:
  explicit FakeSession(std::string db) : db_(std::move(db)) {}

  bool SupportsLocalInfile() const override { return true; }

  QueryResult Query(absl::string_view sql,
                    const QueryOptions& options) override {
    QueryResult out;
    if (options.local_infile != nullptr) {
      // LOAD DATA LOCAL INFILE: one row per line of the client's file.
      Result r;
      r.affected_rows = absl::c_count(*options.local_infile, '\n');
      r.info = absl::StrCat("Records: ", r.affected_rows);
      out.results.push_back(std::move(r));
      return out;
    }
    std::vector<absl::string_view> parts;
    if (options.multi_statements) {
      parts = absl::StrSplit(sql, ';', absl::SkipWhitespace());
    } else {
      parts.push_back(sql);
    }
    for (absl::string_view part : parts) {
      part = absl::StripAsciiWhitespace(part);
      if (absl::ConsumePrefix(&part, "use ")) {  // session tracking: schema
        db_ = std::string(part);
        out.session_state.schema = db_;
        out.session_state.state_changed = true;
        out.results.emplace_back();
        continue;
      }
      if (absl::StartsWith(part, "set ")) {
        // "set a=b": the variable `a` is now `b` (session tracking).
        std::pair<absl::string_view, absl::string_view> kv =
            absl::StrSplit(part.substr(4), absl::MaxSplits('=', 1));
        out.session_state.SetVariable(kv.first, kv.second);
        out.session_state.state_changed = true;
        out.results.emplace_back();
        continue;
      }
      auto r = RunOne(part, canceller_.get());
      if (!r.ok()) {
        out.error = r.status();
        break;
      }
      out.results.push_back(std::move(*r));
    }
    return out;
  }

  absl::StatusOr<PrepareInfo> Prepare(absl::string_view sql) override {
    if (absl::StartsWith(sql, "fail")) return ParseError("cannot prepare");
    PrepareInfo info;
    info.num_params = CountPlaceholders(sql);
    return info;
  }

  QueryResult Execute(absl::string_view sql,
                      absl::Span<const ParamValue> params) override {
    QueryResult out;
    Result r;
    Row row;
    for (size_t i = 0; i < params.size(); ++i) {
      const ParamValue& p = params[i];
      uint32_t flags = (p.type & 0x8000) ? field_flag::kUnsigned : 0;
      r.fields.push_back(
          MakeField(absl::StrCat("p", i), TypeOfParam(p), flags));
      row.push_back(p.kind == ParamValue::Kind::kNull ? Value::Null()
                                                      : Value::Text(p.text));
    }
    if (params.empty()) return Query(sql, {});
    r.rows.push_back(std::move(row));
    out.results.push_back(std::move(r));
    return out;
  }

  CursorExecution ExecuteCursor(absl::string_view sql,
                                absl::Span<const ParamValue> params) override {
    if (sql != "stream slowly") return {Execute(sql, params), nullptr};
    CursorExecution out;
    out.cursor = std::make_unique<SlowCursor>();
    return out;
  }

  absl::Status InitDb(absl::string_view database) override {
    if (database == "nope")
      return MysqlError(1049, "42000", "Unknown database 'nope'");
    db_ = std::string(database);
    return absl::OkStatus();
  }

  absl::Status Reset() override { return absl::OkStatus(); }
  std::shared_ptr<QueryCanceller> canceller() override { return canceller_; }

 private:
  std::string db_;
  std::shared_ptr<FakeCanceller> canceller_ = std::make_shared<FakeCanceller>();
};

}  // namespace

absl::StatusOr<std::unique_ptr<Session>> FakeSessionFactory::Create(
    const SessionContext& context) {
  if (context.database == "nope") {
    return MysqlError(1049, "42000", "Unknown database 'nope'");
  }
  return std::make_unique<FakeSession>(context.database);
}

absl::Status FakeAuthenticator::CheckSource(absl::string_view) {
  return absl::OkStatus();
}

absl::StatusOr<UserCredentials> FakeAuthenticator::Lookup(
    absl::string_view user, absl::string_view) {
  UserCredentials c;
  c.user = std::string(user);
  if (user == "app") {
    c.native_stage2 = NativeStage2("secret");
  } else if (user == "sha") {
    c.sha2 = true;
    absl::MutexLock lock(&mu_);
    if (!cached_.empty()) c.sha2_cached_stage2 = cached_;
  } else if (user == "both") {
    c.native_stage2 = NativeStage2("pw");
    c.sha2 = true;
  } else if (user == "alice") {  // needs alice's client certificate
    c.native_stage2 = NativeStage2("secret");
    c.required_x509_subject = "/CN=alice";
  } else if (user == "nopw") {
    c.native_stage2 = "";
  } else if (user == "admin") {  // sees and kills every connection
    c.native_stage2 = NativeStage2("secret");
    c.admin = true;
  } else if (user == "carol") {  // carol's certificate alone, no password
    c.required_x509_subject = "/CN=carol";
    c.certificate_only = true;
  } else {
    return absl::NotFoundError("no such user");
  }
  return c;
}

bool FakeAuthenticator::VerifyPassword(absl::string_view user,
                                       absl::string_view password) {
  if (user == "sha" && password == "sha-pass") {
    absl::MutexLock lock(&mu_);
    cached_ = Sha2Stage2(password);
    return true;
  }
  return user == "both" && password == "pw";
}

void FakeAuthenticator::RecordLogin(absl::string_view, bool success) {
  if (!success) ++failures_;
}

absl::Status MakeTestCertificate(const std::string& dir) {
  std::string cmd = absl::StrCat(
      "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 "
      "-keyout ",
      dir, "/key.pem -out ", dir, "/cert.pem >/dev/null 2>&1");
  if (std::system(cmd.c_str()) != 0) {
    return absl::InternalError("openssl req failed");
  }
  return absl::OkStatus();
}

}  // namespace tessera::mysql::testing
