// tessera keyspace create|list and tessera shard create|list.
#include <cstdio>

#include "absl/strings/str_split.h"
#include "lib/base/args.h"
#include "lib/topo/keys.h"
#include "lib/topo/open.h"
#include "lib/topo/store.h"
#include "services/cli/commands.h"

namespace tessera::cli {
namespace {

int Fail(const char* cmd, const absl::Status& s) {
  std::fprintf(stderr, "tessera %s: %s\n", cmd, s.ToString().c_str());
  return 1;
}

// Parses flags; returns -1 to continue or an exit code.
int ParseOrUsage(Args& args, const std::vector<std::string>& argv,
                 const char* usage) {
  args.AddString("topo", topo::kDefaultTopoUrl, "topology URL");
  args.AddBool("help", false, "show usage");
  absl::Status s = args.Parse(argv);
  if (s.ok() && !args.GetBool("help") && !args.positional().empty()) return -1;
  if (!s.ok()) std::fprintf(stderr, "%s\n", s.ToString().c_str());
  std::fprintf(stderr, "%s\nflags:\n%s", usage, args.Usage().c_str());
  return s.ok() && args.GetBool("help") ? 0 : 2;
}

constexpr char kKeyspaceUsage[] =
    "usage: tessera keyspace create NAME [--sharded] [--durability POLICY]\n"
    "       tessera keyspace list";

constexpr char kShardUsage[] =
    "usage: tessera shard create KEYSPACE/SHARD   (SHARD: -, -80, 80-, ...)\n"
    "       tessera shard list KEYSPACE";

}  // namespace

int RunKeyspace(const std::vector<std::string>& argv) {
  Args args;
  args.AddBool("sharded", false, "create: the keyspace is sharded");
  args.AddString("durability", "none", "create: none or semi_sync");
  if (int rc = ParseOrUsage(args, argv, kKeyspaceUsage); rc >= 0) return rc;
  const auto& pos = args.positional();
  auto conn = topo::Open(args.GetString("topo"));
  if (!conn.ok()) return Fail("keyspace", conn.status());
  topo::Store store(conn->get());
  if (pos[0] == "create" && pos.size() == 2) {
    std::string durability = args.GetString("durability");
    if (durability != "none" && durability != "semi_sync") {
      return Fail("keyspace", absl::InvalidArgumentError(
                                  "--durability must be none or semi_sync"));
    }
    topodata::Keyspace ks;
    ks.set_name(pos[1]);
    ks.set_sharded(args.GetBool("sharded"));
    ks.set_durability_policy(durability);
    if (absl::Status s = store.CreateKeyspace(ks); !s.ok()) {
      return Fail("keyspace", s);
    }
    std::printf("created keyspace %s\n", pos[1].c_str());
    return 0;
  }
  if (pos[0] == "list" && pos.size() == 1) {
    auto names = store.ListKeyspaces();
    if (!names.ok()) return Fail("keyspace", names.status());
    for (const std::string& name : *names) {
      auto ks = store.GetKeyspace(name);
      if (!ks.ok()) return Fail("keyspace", ks.status());
      std::printf("%s\t%s\tdurability=%s\n", name.c_str(),
                  ks->value.sharded() ? "sharded" : "unsharded",
                  ks->value.durability_policy().c_str());
    }
    return 0;
  }
  std::fprintf(stderr, "%s\n", kKeyspaceUsage);
  return 2;
}

int RunShard(const std::vector<std::string>& argv) {
  Args args;
  if (int rc = ParseOrUsage(args, argv, kShardUsage); rc >= 0) return rc;
  const auto& pos = args.positional();
  auto conn = topo::Open(args.GetString("topo"));
  if (!conn.ok()) return Fail("shard", conn.status());
  topo::Store store(conn->get());
  if (pos[0] == "create" && pos.size() == 2) {
    std::pair<std::string, std::string> ks_shard =
        absl::StrSplit(pos[1], absl::MaxSplits('/', 1));
    if (ks_shard.second.empty()) {
      std::fprintf(stderr, "%s\n", kShardUsage);
      return 2;
    }
    absl::Status s = store.CreateShard(ks_shard.first, ks_shard.second);
    if (!s.ok()) return Fail("shard", s);
    std::printf("created shard %s\n", pos[1].c_str());
    return 0;
  }
  if (pos[0] == "list" && pos.size() == 2) {
    auto shards = store.ListShards(pos[1]);
    if (!shards.ok()) return Fail("shard", shards.status());
    for (const auto& s : *shards) {
      std::string primary = s.primary_alias().cell().empty()
                                ? "-"
                                : topo::TabletAliasString(s.primary_alias());
      std::printf("%s/%s\tprimary=%s\tserving=%s\n", s.keyspace().c_str(),
                  s.name().c_str(), primary.c_str(),
                  s.is_primary_serving() ? "true" : "false");
    }
    return 0;
  }
  std::fprintf(stderr, "%s\n", kShardUsage);
  return 2;
}

}  // namespace tessera::cli
