// tessera topo ls|get|put|watch: raw access to the topology.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "lib/base/args.h"
#include "lib/topo/describe.h"
#include "lib/topo/open.h"
#include "services/cli/commands.h"

namespace tessera::cli {
namespace {

constexpr char kTopoUsage[] =
    "usage: tessera topo ls [PREFIX]\n"
    "       tessera topo get KEY\n"
    "       tessera topo put KEY (VALUE | --file F) [--version N] [--raw]\n"
    "       tessera topo watch PREFIX [--from N] [--count N]\n"
    "Records (Keyspace, Shard, Tablet, SrvKeyspace, RoutingRules keys) are\n"
    "shown and read as protobuf text format unless --raw.\n";

int Fail(const absl::Status& s) {
  std::fprintf(stderr, "tessera topo: %s\n", s.ToString().c_str());
  return 1;
}

int Ls(topo::Conn& conn, const std::vector<std::string>& pos) {
  auto list = conn.List(pos.size() > 1 ? pos[1] : "");
  if (!list.ok()) return Fail(list.status());
  for (const auto& kv : *list) {
    std::printf("%s\t%lld\t%zu bytes\n", kv.key.c_str(),
                static_cast<long long>(kv.version), kv.value.size());
  }
  return 0;
}

int Get(topo::Conn& conn, const std::string& key, bool raw) {
  auto kv = conn.Get(key);
  if (!kv.ok()) return Fail(kv.status());
  absl::StatusOr<std::string> text =
      raw ? kv->value : topo::DescribeValue(key, kv->value);
  if (!text.ok()) return Fail(text.status());
  std::fwrite(text->data(), 1, text->size(), stdout);
  if (!text->empty() && text->back() != '\n') std::printf("\n");
  std::fprintf(stderr, "version %lld\n", static_cast<long long>(kv->version));
  return 0;
}

int Put(topo::Conn& conn, const Args& args) {
  const auto& pos = args.positional();
  std::string value;
  if (args.IsSet("file")) {
    std::ifstream in(args.GetString("file"), std::ios::binary);
    if (!in) return Fail(absl::NotFoundError("cannot read --file"));
    std::ostringstream ss;
    ss << in.rdbuf();
    value = ss.str();
  } else if (pos.size() == 3) {
    value = pos[2];
  } else {
    std::fputs(kTopoUsage, stderr);
    return 2;
  }
  absl::StatusOr<std::string> encoded =
      args.GetBool("raw") ? value : topo::EncodeValue(pos[1], value);
  if (!encoded.ok()) return Fail(encoded.status());
  int64_t expected =
      args.IsSet("version") ? args.GetInt("version") : topo::Conn::kAnyVersion;
  auto v = conn.Update(pos[1], *encoded, expected);
  if (!v.ok()) return Fail(v.status());
  std::printf("%s\tversion %lld\n", pos[1].c_str(), static_cast<long long>(*v));
  return 0;
}

int Watch(topo::Conn& conn, const Args& args) {
  int64_t count = args.GetInt("count");
  absl::Mutex mu;
  int64_t seen = 0;
  bool ended = false;
  auto w = conn.Watch(args.positional()[1], /*prefix=*/true,
                      args.GetInt("from"), [&](const topo::WatchEvent& e) {
                        absl::MutexLock l(&mu);
                        if (e.type == topo::EventType::kError) {
                          std::fprintf(stderr, "watch ended: %s\n",
                                       e.status.ToString().c_str());
                          ended = true;
                          return;
                        }
                        std::string text = e.value;
                        if (e.type == topo::EventType::kPut) {
                          auto d = topo::DescribeValue(e.key, e.value);
                          if (d.ok()) text = *d;
                        }
                        std::printf(
                            "%s %s %lld %s\n",
                            e.type == topo::EventType::kPut ? "PUT" : "DELETE",
                            e.key.c_str(), static_cast<long long>(e.version),
                            text.c_str());
                        std::fflush(stdout);
                        ++seen;
                        if (count > 0 && seen >= count) ended = true;
                      });
  if (!w.ok()) return Fail(w.status());
  absl::MutexLock l(&mu);
  mu.Await(absl::Condition(&ended));
  return 0;
}

}  // namespace

int RunTopo(const std::vector<std::string>& argv) {
  Args args;
  args.AddString("topo", topo::kDefaultTopoUrl, "topology URL");
  args.AddString("file", "", "put: read the value from this file");
  args.AddInt("version", 0, "put: compare-and-set on this version");
  args.AddBool("raw", false, "get/put: bytes as stored, no text format");
  args.AddInt("from", 0, "watch: start at this version (0: now)");
  args.AddInt("count", 0, "watch: exit after this many events (0: never)");
  args.AddBool("help", false, "show usage");
  if (absl::Status s = args.Parse(argv);
      !s.ok() || args.GetBool("help") || args.positional().empty()) {
    if (!s.ok())
      std::fprintf(stderr, "tessera topo: %s\n", s.ToString().c_str());
    std::fprintf(stderr, "%s\nflags:\n%s", kTopoUsage, args.Usage().c_str());
    return args.GetBool("help") ? 0 : 2;
  }
  const auto& pos = args.positional();
  const std::string& verb = pos[0];
  bool known =
      verb == "ls" ||
      ((verb == "get" || verb == "put" || verb == "watch") && pos.size() >= 2);
  if (!known) {
    std::fputs(kTopoUsage, stderr);
    return 2;
  }
  auto conn = topo::Open(args.GetString("topo"));
  if (!conn.ok()) return Fail(conn.status());
  if (verb == "ls") return Ls(**conn, pos);
  if (verb == "get") return Get(**conn, pos[1], args.GetBool("raw"));
  if (verb == "put") return Put(**conn, args);
  return Watch(**conn, args);
}

}  // namespace tessera::cli
