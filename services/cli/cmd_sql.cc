// tessera sql fmt|normalize: canonical SQL and plan-cache keys from stdin or
// arguments. `fmt --jsonl` reads lines {"sql": "..."} and writes one JSON
// object per line.
#include <cstdio>
#include <iostream>
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
  if (absl::Status st = args.Parse(argv); !st.ok()) {
    std::fprintf(stderr, "%s\nusage: tessera sql fmt [--jsonl] [sql...]\n%s",
                 std::string(st.message()).c_str(), args.Usage().c_str());
    return 2;
  }
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
      } else if (auto p = sql::Parse(sql); p.ok()) {
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
    auto p = sql::Parse(in);
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
  if (absl::Status st = args.Parse(argv); !st.ok()) {
    std::fprintf(stderr, "%s\nusage: tessera sql normalize [sql...]\n",
                 std::string(st.message()).c_str());
    return 2;
  }
  int failures = 0;
  for (const std::string& in : Inputs(args)) {
    auto n = sql::Normalize(in);
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
                 "usage: tessera sql fmt [--jsonl] [sql...]\n"
                 "       tessera sql normalize [sql...]\n"
                 "Statements come from the arguments or, if none, from stdin\n"
                 "(split at ';' outside strings and comments).\n");
    return 2;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  return args[0] == "fmt" ? Fmt(rest) : Normalize(rest);
}

}  // namespace tessera::cli
