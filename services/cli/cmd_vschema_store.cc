// tessera vschema get|apply --keyspace KS [FILE]: the VSchema in the topology.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "lib/base/args.h"
#include "lib/topo/open.h"
#include "lib/topo/store.h"
#include "services/cli/commands.h"

namespace tessera::cli {
namespace {

constexpr char kUsage[] =
    "usage: tessera vschema get --keyspace KS\n"
    "       tessera vschema apply --keyspace KS FILE   (FILE - for stdin)\n"
    "apply validates the VSchema and writes nothing if it is invalid.";

int Fail(const absl::Status& s) {
  std::fprintf(stderr, "tessera vschema: %s\n", s.ToString().c_str());
  return 1;
}

absl::StatusOr<std::string> ReadInput(const std::string& path) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot read " + path);
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int RunVschemaStore(const std::vector<std::string>& argv,
                    const topo::VSchemaValidator& validate) {
  Args args;
  args.AddString("topo", topo::kDefaultTopoUrl, "topology URL");
  args.AddString("keyspace", "", "the keyspace");
  args.AddBool("help", false, "show usage");
  absl::Status parsed = args.Parse(argv);
  const auto& pos = args.positional();
  bool ok = parsed.ok() && !args.GetBool("help") && !pos.empty() &&
            !args.GetString("keyspace").empty() &&
            ((pos[0] == "get" && pos.size() == 1) ||
             (pos[0] == "apply" && pos.size() == 2));
  if (!ok) {
    if (!parsed.ok()) std::fprintf(stderr, "%s\n", parsed.ToString().c_str());
    std::fprintf(stderr, "%s\nflags:\n%s", kUsage, args.Usage().c_str());
    return parsed.ok() && args.GetBool("help") ? 0 : 2;
  }
  std::string ks = args.GetString("keyspace");
  std::string json;
  if (pos[0] == "apply") {
    // Read and validate before touching the topology.
    auto in = ReadInput(pos[1]);
    if (!in.ok()) return Fail(in.status());
    json = *std::move(in);
    if (validate) {
      if (absl::Status s = validate(json); !s.ok()) {
        std::fprintf(stderr, "tessera vschema: invalid vschema for %s: %s\n",
                     ks.c_str(), std::string(s.message()).c_str());
        return 1;
      }
    }
  }
  auto conn = topo::Open(args.GetString("topo"));
  if (!conn.ok()) return Fail(conn.status());
  topo::Store store(conn->get());
  if (pos[0] == "get") {
    auto vs = store.GetVSchema(ks);
    if (!vs.ok()) return Fail(vs.status());
    std::printf("%s\n", vs->value.c_str());
    return 0;
  }
  if (absl::Status s = store.SaveVSchema(ks, json, validate); !s.ok()) {
    return Fail(s);
  }
  std::printf("applied vschema to keyspace %s\n", ks.c_str());
  return 0;
}

int RunVschemaStore(const std::vector<std::string>& argv) {
  return RunVschemaStore(argv, topo::BasicVSchemaCheck);
}

}  // namespace tessera::cli
