// tessera sql fmt|normalize: canonical SQL and plan-cache keys from stdin or
// arguments. `fmt --jsonl` reads lines {"sql": "..."} and writes one JSON
// object per line. `--dialect=mysql|mariadb` or `--server-version=N` choose
// which version comments (/*!NNNNN ...*/, /*M!NNNNNN ...*/) are read.
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/base/args.h"
#include "lib/base/json.h"
#include "lib/base/mysql_error.h"
#include "lib/sql/classify.h"
#include "lib/sql/format.h"
#include "lib/sql/normalize.h"
#include "lib/sql/parser.h"
#include "services/cli/commands.h"

namespace tessera::cli {
namespace {

constexpr const char* kFmtUsage =
    "tessera sql fmt [--jsonl] [--dialect=mysql|mariadb] "
    "[--server-version=N] [sql...]";
constexpr const char* kNormalizeUsage =
    "tessera sql normalize [--dialect=mysql|mariadb] [--server-version=N] "
    "[sql...]";

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Extracts the string value of key "sql" from a one-line JSON object.
bool ExtractSql(absl::string_view line, std::string* out) {
  size_t k = line.find("\"sql\"");
  if (k == absl::string_view::npos) return false;
  size_t i = line.find(':', k + 5);
  if (i == absl::string_view::npos) return false;
  ++i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != '"') return false;
  out->clear();
  for (++i; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') return true;
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (++i >= line.size()) return false;
    switch (line[i]) {
      case 'n':
        out->push_back('\n');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'u': {
        if (i + 4 >= line.size()) return false;
        uint32_t cp =
            std::stoul(std::string(line.substr(i + 1, 4)), nullptr, 16);
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < line.size() &&
            line[i + 1] == '\\' && line[i + 2] == 'u') {
          uint32_t lo =
              std::stoul(std::string(line.substr(i + 3, 4)), nullptr, 16);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          i += 6;
        }
        AppendUtf8(cp, out);
        break;
      }
      default:
        out->push_back(line[i]);
    }
  }
  return false;
}

std::string ErrorText(const absl::Status& st) {
  MysqlErrorInfo e = ToMysqlError(st);
  return absl::StrCat("ERROR ", e.code, " (", e.sqlstate, "): ", e.message);
}

// MariaDB as the router reads it (lib/router/parse_options.h: 10.11.6).
constexpr int64_t kMariadbVersion = 101106;

void AddDialectFlags(Args* args) {
  args->AddString("dialect", "mysql",
                  "mysql (8.0 version-comment rules) or mariadb (10.11: "
                  "/*M!..*/ read, /*!50700..*/ and later skipped)");
  args->AddInt("server-version", 0,
               "version for version comments, e.g. 80035 or 101106 "
               "(overrides --dialect)");
}

// Parse options from --dialect / --server-version.
absl::StatusOr<sql::ParseOptions> DialectOptions(const Args& args) {
  sql::ParseOptions o;
  std::string dialect = args.GetString("dialect");
  if (dialect == "mariadb") {
    o.lex.server_version = kMariadbVersion;
  } else if (dialect != "mysql") {
    return absl::InvalidArgumentError(absl::StrCat(
        "--dialect must be mysql or mariadb, not '", dialect, "'"));
  }
  if (args.IsSet("server-version")) {
    int64_t v = args.GetInt("server-version");
    if (v < 10000 || v > 999999) {
      return absl::InvalidArgumentError(
          "--server-version must be 5 or 6 digits (80035, 101106)");
    }
    o.lex.server_version = static_cast<uint32_t>(v);
  }
  return o;
}

// Parses the flags; prints the error and usage and returns nullopt on bad
// flags.
std::optional<sql::ParseOptions> ParseFlags(
    Args& args, const std::vector<std::string>& argv, const char* usage) {
  absl::Status st = args.Parse(argv);
  absl::StatusOr<sql::ParseOptions> o =
      st.ok() ? DialectOptions(args) : absl::StatusOr<sql::ParseOptions>(st);
  if (!o.ok()) {
    std::fprintf(stderr, "%s\nusage: %s\n%s",
                 std::string(o.status().message()).c_str(), usage,
                 args.Usage().c_str());
    return std::nullopt;
  }
  return *o;
}

std::vector<std::string> Inputs(const Args& args) {
  std::vector<std::string> inputs = args.positional();
  if (inputs.empty()) {
    std::string all((std::istreambuf_iterator<char>(std::cin)),
                    std::istreambuf_iterator<char>());
    for (absl::string_view s : sql::SplitStatements(all))
      inputs.emplace_back(s);
  }
  return inputs;
}

int Fmt(const std::vector<std::string>& argv) {
  Args args;
  args.AddBool("jsonl", false, "read {\"sql\": ...} lines, write JSON lines");
  AddDialectFlags(&args);
  std::optional<sql::ParseOptions> options = ParseFlags(args, argv, kFmtUsage);
  if (!options) return 2;
  int failures = 0;
  if (args.GetBool("jsonl")) {
    std::ios::sync_with_stdio(false);
    std::string line, sql, out;
    while (std::getline(std::cin, line)) {
      if (line.empty()) continue;
      out.clear();
      if (!ExtractSql(line, &sql)) {
        out =
            "{\"ok\": false, \"error\": \"input line is not {\\\"sql\\\": "
            "string}\"}";
        ++failures;
      } else if (auto p = sql::Parse(sql, *options); p.ok()) {
        out = "{\"ok\": true, \"sql\": ";
        AppendJsonString(sql::Format(*p), &out);
        out += "}";
      } else {
        out = "{\"ok\": false, \"error\": ";
        AppendJsonString(ErrorText(p.status()), &out);
        out += "}";
        ++failures;
      }
      out.push_back('\n');
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
    return 0;
  }
  for (const std::string& in : Inputs(args)) {
    auto p = sql::Parse(in, *options);
    if (p.ok()) {
      std::printf("%s;\n", sql::Format(*p).c_str());
    } else {
      std::fprintf(stderr, "%s\n", ErrorText(p.status()).c_str());
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}

int Normalize(const std::vector<std::string>& argv) {
  Args args;
  AddDialectFlags(&args);
  std::optional<sql::ParseOptions> options =
      ParseFlags(args, argv, kNormalizeUsage);
  if (!options) return 2;
  int failures = 0;
  for (const std::string& in : Inputs(args)) {
    auto n = sql::Normalize(in, *options);
    if (!n.ok()) {
      std::fprintf(stderr, "%s\n", ErrorText(n.status()).c_str());
      ++failures;
      continue;
    }
    std::printf("%s;\n", n->sql.c_str());
    for (const sql::BindValue& b : n->binds) {
      std::string v;
      if (b.type == sql::BindType::kList) {
        v = "(";
        for (size_t k = 0; k < b.list.size(); ++k) {
          if (k > 0) v += ", ";
          absl::StrAppend(&v, sql::BindTypeName(b.list[k].type), " ");
          AppendJsonString(b.list[k].value, &v);
        }
        v += ")";
      } else {
        AppendJsonString(b.value, &v);
      }
      std::printf("  %s %s %s%s\n", b.name.c_str(),
                  std::string(sql::BindTypeName(b.type)).c_str(), v.c_str(),
                  b.charset.empty() ? "" : (" charset " + b.charset).c_str());
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

int RunSql(const std::vector<std::string>& args) {
  if (args.empty() || (args[0] != "fmt" && args[0] != "normalize")) {
    std::fprintf(stderr,
                 "usage: %s\n       %s\n"
                 "Statements come from the arguments or, if none, from stdin\n"
                 "(split at ';' outside strings and comments). --dialect\n"
                 "chooses the version-comment rules: mysql (default, MySQL\n"
                 "8.0.35) or mariadb (10.11.6, as the router reads SQL).\n",
                 kFmtUsage, kNormalizeUsage);
    return 2;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  return args[0] == "fmt" ? Fmt(rest) : Normalize(rest);
}

}  // namespace tessera::cli
