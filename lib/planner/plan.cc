#include "lib/planner/plan.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/json.h"

namespace tessera::planner {
namespace {

void AppendMember(absl::string_view key, absl::string_view value,
                  std::string* out) {
  if (value.empty()) return;
  if (out->back() != '{') out->push_back(',');
  AppendJsonString(key, out);
  out->push_back(':');
  AppendJsonString(value, out);
}

void AppendJson(const ExplainNode& n, std::string* out) {
  out->push_back('{');
  AppendMember("operator", n.op, out);
  AppendMember("variant", n.variant, out);
  AppendMember("keyspace", n.keyspace, out);
  if (!n.shards.empty()) {
    out->append(",\"shards\":[");
    for (size_t i = 0; i < n.shards.size(); ++i) {
      if (i > 0) out->push_back(',');
      AppendJsonString(n.shards[i], out);
    }
    out->push_back(']');
  }
  AppendMember("query", n.query, out);
  AppendMember("detail", n.detail, out);
  if (!n.inputs.empty()) {
    out->append(",\"inputs\":[");
    for (size_t i = 0; i < n.inputs.size(); ++i) {
      if (i > 0) out->push_back(',');
      AppendJson(*n.inputs[i], out);
    }
    out->push_back(']');
  }
  out->push_back('}');
}

void AppendText(const ExplainNode& n, int depth, std::string* out) {
  out->append(2 * depth, ' ');
  absl::StrAppend(out, n.op);
  if (!n.variant.empty()) absl::StrAppend(out, " ", n.variant);
  if (!n.keyspace.empty()) absl::StrAppend(out, " ", n.keyspace);
  if (!n.shards.empty()) {
    absl::StrAppend(out, " [", absl::StrJoin(n.shards, ","), "]");
  }
  if (!n.detail.empty()) absl::StrAppend(out, " (", n.detail, ")");
  if (!n.query.empty()) absl::StrAppend(out, ": ", n.query);
  out->push_back('\n');
  for (const auto& in : n.inputs) AppendText(*in, depth + 1, out);
}

}  // namespace

std::string ExplainJson(const ExplainNode& node) {
  std::string out;
  AppendJson(node, &out);
  return out;
}

std::string ExplainText(const ExplainNode& node) {
  std::string out;
  AppendText(node, 0, &out);
  return out;
}

}  // namespace tessera::planner
