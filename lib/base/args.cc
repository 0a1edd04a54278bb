#include "lib/base/args.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace tessera {

void Args::AddString(absl::string_view name, absl::string_view default_value,
                     absl::string_view help) {
  flags_[std::string(name)] =
      Flag{Kind::kString, std::string(default_value), std::string(help)};
}

void Args::AddInt(absl::string_view name, int64_t default_value,
                  absl::string_view help) {
  flags_[std::string(name)] =
      Flag{Kind::kInt, absl::StrCat(default_value), std::string(help)};
}

void Args::AddBool(absl::string_view name, bool default_value,
                   absl::string_view help) {
  flags_[std::string(name)] =
      Flag{Kind::kBool, default_value ? "true" : "false", std::string(help)};
}

absl::Status Args::Set(const std::string& name, Flag& flag,
                       const std::string& value) {
  if (flag.kind == Kind::kInt) {
    int64_t v;
    if (!absl::SimpleAtoi(value, &v)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " wants an integer, got '", value, "'"));
    }
  } else if (flag.kind == Kind::kBool) {
    bool v;
    if (!absl::SimpleAtob(value, &v)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " wants true or false, got '", value, "'"));
    }
  }
  flag.value = value;
  flag.set = true;
  return absl::OkStatus();
}

absl::Status Args::Parse(const std::vector<std::string>& argv) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--") {
      positional_.insert(positional_.end(), argv.begin() + i + 1, argv.end());
      break;
    }
    if (a.size() < 3 || a[0] != '-' || a[1] != '-') {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::string value;
    bool has_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      has_value = true;
    }
    auto it = flags_.find(name);
    if (it == flags_.end() && !has_value && name.rfind("no", 0) == 0) {
      auto neg = flags_.find(name.substr(2));
      if (neg != flags_.end() && neg->second.kind == Kind::kBool) {
        neg->second.value = "false";
        neg->second.set = true;
        continue;
      }
    }
    if (it == flags_.end()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    if (!has_value) {
      if (it->second.kind == Kind::kBool) {
        value = "true";
      } else if (i + 1 < argv.size()) {
        value = argv[++i];
      } else {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " needs a value"));
      }
    }
    absl::Status s = Set(name, it->second, value);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

std::string Args::GetString(absl::string_view name) const {
  auto it = flags_.find(name);
  return it == flags_.end() ? std::string() : it->second.value;
}

int64_t Args::GetInt(absl::string_view name) const {
  int64_t v = 0;
  auto it = flags_.find(name);
  if (it != flags_.end()) (void)absl::SimpleAtoi(it->second.value, &v);
  return v;
}

bool Args::GetBool(absl::string_view name) const {
  auto it = flags_.find(name);
  return it != flags_.end() && it->second.value == "true";
}

bool Args::IsSet(absl::string_view name) const {
  auto it = flags_.find(name);
  return it != flags_.end() && it->second.set;
}

std::string Args::Usage() const {
  std::string out;
  for (const auto& [name, flag] : flags_) {
    absl::StrAppend(&out, "  --", name, "=", flag.value, "\n      ", flag.help,
                    "\n");
  }
  return out;
}

}  // namespace tessera
