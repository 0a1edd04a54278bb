// `tessera explain`: show the plan of a statement without any server.
//
//   tessera explain --vschema vschema.json --keyspace commerce "SELECT ..."
//   tessera explain --vschema vschema.json --jsonl < queries.jsonl
// With --jsonl each input line is {"sql": "..."}; each output line is
// {"ok": true, "plan": {...}} or {"ok": false, "error": "..."}.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "lib/base/args.h"
#include "lib/planner/offline.h"
#include "services/cli/commands.h"

namespace tessera::cli {
namespace {

std::string JsonString(absl::string_view s) {
  google::protobuf::Value v;
  v.set_string_value(std::string(s));
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(v, &out);
  return out;
}

int RunJsonl(const planner::OfflinePlanner& p, const std::string& target) {
  std::string line;
  int failures = 0;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    google::protobuf::Struct in;
    if (!google::protobuf::util::JsonStringToMessage(line, &in).ok() ||
        !in.fields().contains("sql")) {
      std::printf("{\"ok\":false,\"error\":%s}\n",
                  JsonString("input line is not {\"sql\": ...}").c_str());
      ++failures;
      continue;
    }
    auto plan = p.ExplainJson(target, in.fields().at("sql").string_value());
    if (plan.ok()) {
      std::printf("{\"ok\":true,\"plan\":%s}\n", plan->c_str());
    } else {
      std::printf("{\"ok\":false,\"error\":%s}\n",
                  JsonString(plan.status().message()).c_str());
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

int RunExplain(const std::vector<std::string>& argv) {
  Args args;
  args.AddString("vschema", "", "Vitess-format vschema.json (required)");
  args.AddString("keyspace", "", "session target, e.g. commerce or ks:-80");
  args.AddBool("jsonl", false, "read {\"sql\": ...} lines from stdin");
  args.AddBool("json", false, "print the plan as JSON (default: text)");
  args.AddBool("help", false, "show flags");
  absl::Status s = args.Parse(argv);
  bool usage = !s.ok() || args.GetBool("help") ||
               args.GetString("vschema").empty() ||
               (!args.GetBool("jsonl") && args.positional().size() != 1);
  if (usage) {
    if (!s.ok())
      std::fprintf(stderr, "tessera explain: %s\n", s.ToString().c_str());
    std::fprintf(stderr,
                 "usage: tessera explain --vschema FILE [--keyspace KS] "
                 "[--json] \"SQL\"\n       tessera explain --vschema FILE "
                 "--jsonl < lines\n%s",
                 args.Usage().c_str());
    return args.GetBool("help") && s.ok() ? 0 : 2;
  }
  std::ifstream in(args.GetString("vschema"));
  if (!in) {
    std::fprintf(stderr, "tessera explain: cannot read %s\n",
                 args.GetString("vschema").c_str());
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto p = planner::OfflinePlanner::Create(ss.str());
  if (!p.ok()) {
    std::fprintf(stderr, "tessera explain: %s\n",
                 p.status().ToString().c_str());
    return 1;
  }
  std::string target = args.GetString("keyspace");
  if (args.GetBool("jsonl")) return RunJsonl(**p, target);
  const std::string& sql = args.positional()[0];
  auto out = args.GetBool("json") ? (*p)->ExplainJson(target, sql)
                                  : (*p)->ExplainText(target, sql);
  if (!out.ok()) {
    std::fprintf(stderr, "tessera explain: %s\n",
                 std::string(out.status().message()).c_str());
    return 1;
  }
  std::printf("%s%s", out->c_str(), args.GetBool("json") ? "\n" : "");
  return 0;
}

}  // namespace tessera::cli
