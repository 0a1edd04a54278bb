// tessera vschema check [--keyspace KS] [--ignore-unknown-fields] FILE
#include <cstdio>
#include <string>
#include <vector>

#include "lib/base/args.h"
#include "lib/vindex/builtin.h"
#include "lib/vschema/loader.h"
#include "lib/vschema/vschema.h"
#include "services/cli/commands.h"

namespace tessera::cli {
namespace {

constexpr char kUsage[] =
    "usage: tessera vschema check [--keyspace KS] [--ignore-unknown-fields] "
    "FILE\n"
    "Validates a Vitess vschema.json (one keyspace, or the whole cluster "
    "with \"keyspaces\")\nand prints a summary. Exit status 1 lists every "
    "problem found.\n";

}  // namespace

int RunVschemaCheck(const std::vector<std::string>& argv) {
  Args args;
  args.AddString("keyspace", "ks", "keyspace name for a one-keyspace file");
  args.AddBool("ignore-unknown-fields", false,
               "drop unknown fields and vindex params instead of failing");
  args.AddBool("help", false, "show usage");
  absl::Status parsed = args.Parse(argv);
  if (!parsed.ok() || args.GetBool("help") || args.positional().size() != 1) {
    if (!parsed.ok()) std::fprintf(stderr, "%s\n", parsed.ToString().c_str());
    std::fprintf(stderr, "%sflags:\n%s", kUsage, args.Usage().c_str());
    return parsed.ok() && args.GetBool("help") ? 0 : 2;
  }
  const std::string& path = args.positional()[0];
  vschema::LoadOptions load;
  load.keyspace = args.GetString("keyspace");
  load.ignore_unknown_fields = args.GetBool("ignore-unknown-fields");
  vschema::VSchemaForm form;
  auto doc = vschema::LoadVSchemaFile(path, load, &form);
  if (!doc.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(),
                 std::string(doc.status().message()).c_str());
    return 1;
  }
  vindex::VindexRegistry registry = vindex::NewBuiltinRegistry();
  vschema::BuildOptions build;
  build.allow_external_keyspaces = form == vschema::VSchemaForm::kKeyspace;
  build.ignore_unknown_params = load.ignore_unknown_fields;
  auto vs = vschema::VSchema::Build(*doc, registry, build);
  if (!vs.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(),
                 std::string(vs.status().message()).c_str());
    return 1;
  }
  std::printf("%s: ok\n%s", path.c_str(), (*vs)->Summary().c_str());
  return 0;
}

int RunVschema(const std::vector<std::string>& argv) {
  if (!argv.empty() && argv[0] == "check") {
    return RunVschemaCheck({argv.begin() + 1, argv.end()});
  }
  // get / apply: the topology's command, validating with the full check.
  return RunVschemaStore(argv, [](absl::string_view json) {
    return vschema::ValidateVSchemaJson(json);
  });
}

}  // namespace tessera::cli
