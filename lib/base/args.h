// A small command-line parser for subcommands (`tessera up --shards=4`).
//
// Flags are `--name=value`, `--name value`, or `--name` for booleans;
// everything else (and everything after `--`) is positional. Unknown flags
// are errors, so typos do not pass silently.
#ifndef TESSERA_LIB_BASE_ARGS_H_
#define TESSERA_LIB_BASE_ARGS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera {

class Args {
 public:
  // Declares a flag with a default value and help text. Call before Parse.
  void AddString(absl::string_view name, absl::string_view default_value,
                 absl::string_view help);
  void AddInt(absl::string_view name, int64_t default_value,
              absl::string_view help);
  void AddBool(absl::string_view name, bool default_value,
               absl::string_view help);

  // Parses `argv` (without the program and subcommand names).
  absl::Status Parse(const std::vector<std::string>& argv);

  std::string GetString(absl::string_view name) const;
  int64_t GetInt(absl::string_view name) const;
  bool GetBool(absl::string_view name) const;
  // Whether the flag was given explicitly.
  bool IsSet(absl::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

  // One line per flag: "  --name=default  help".
  std::string Usage() const;

 private:
  enum class Kind { kString, kInt, kBool };
  struct Flag {
    Kind kind;
    std::string value;
    std::string help;
    bool set = false;
  };
  absl::Status Set(const std::string& name, Flag& flag,
                   const std::string& value);

  std::map<std::string, Flag, std::less<>> flags_;
  std::vector<std::string> positional_;
};

}  // namespace tessera

#endif  // TESSERA_LIB_BASE_ARGS_H_
