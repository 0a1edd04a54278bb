#include "lib/gateway/users.h"

#include <arpa/inet.h>

#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/mysql/scramble.h"
#include "nlohmann/json.hpp"

namespace tessera::gateway {
namespace {

using Json = nlohmann::json;

absl::Status Bad(absl::string_view where, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("users file: ", where, ": ", what));
}

absl::StatusOr<std::vector<std::string>> StringList(const Json& obj,
                                                    const char* key,
                                                    const std::string& who) {
  std::vector<std::string> out;
  if (!obj.contains(key)) return out;
  const Json& list = obj[key];
  if (!list.is_array()) return Bad(who, absl::StrCat(key, " must be a list"));
  for (const Json& item : list) {
    if (!item.is_string()) {
      return Bad(who, absl::StrCat(key, " must hold strings"));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

absl::StatusOr<User> ParseUser(const Json& obj, size_t index) {
  std::string who = absl::StrCat("users[", index, "]");
  if (!obj.is_object()) return Bad(who, "must be an object");
  if (!obj.contains("user") || !obj["user"].is_string() ||
      obj["user"].get<std::string>().empty()) {
    return Bad(who, "needs a non-empty \"user\"");
  }
  User u;
  u.name = obj["user"].get<std::string>();
  who = absl::StrCat("user '", u.name, "'");
  if (obj.contains("native_password")) {
    if (!obj["native_password"].is_string()) {
      return Bad(who, "native_password must be a string");
    }
    std::string text = obj["native_password"].get<std::string>();
    if (text.empty()) {
      u.native_stage2 = "";  // empty password
    } else {
      auto raw = mysql::ParseNativeHash(text);
      if (!raw.ok()) return Bad(who, raw.status().message());
      u.native_stage2 = *raw;
    }
  }
  if (obj.contains("caching_sha2_password")) {
    if (!obj["caching_sha2_password"].is_string()) {
      return Bad(who, "caching_sha2_password must be a string");
    }
    std::string v = obj["caching_sha2_password"].get<std::string>();
    absl::Status s = mysql::ValidateSha2Verifier(v);
    if (!s.ok()) return Bad(who, s.message());
    u.sha2_verifier = v;
  }
  auto keyspaces = StringList(obj, "keyspaces", who);
  if (!keyspaces.ok()) return keyspaces.status();
  u.keyspaces = std::move(*keyspaces);
  auto hosts = StringList(obj, "hosts", who);
  if (!hosts.ok()) return hosts.status();
  u.hosts = std::move(*hosts);
  if (obj.contains("x509_subject")) {
    if (!obj["x509_subject"].is_string() ||
        obj["x509_subject"].get<std::string>().empty() ||
        obj["x509_subject"].get<std::string>()[0] != '/') {
      return Bad(who,
                 "x509_subject must be a subject like \"/O=Example/CN=app\"");
    }
    u.x509_subject = obj["x509_subject"].get<std::string>();
  }
  if (!u.native_stage2 && !u.sha2_verifier && !u.x509_subject) {
    return Bad(who,
               "needs native_password, caching_sha2_password (see `tessera "
               "passwd`) or x509_subject");
  }
  if (obj.contains("admin")) {
    if (!obj["admin"].is_boolean()) return Bad(who, "admin must be a boolean");
    u.admin = obj["admin"].get<bool>();
  }
  return u;
}

bool ParseV4(absl::string_view text, uint32_t* out) {
  in_addr addr;
  std::string s(text);
  if (inet_pton(AF_INET, s.c_str(), &addr) != 1) return false;
  *out = ntohl(addr.s_addr);
  return true;
}

}  // namespace

bool HostMatches(absl::string_view pattern, absl::string_view address) {
  if (pattern == "%" || pattern == "*") return true;
  if (pattern == "localhost") {
    return address == "127.0.0.1" || address == "::1";
  }
  size_t slash = pattern.find('/');
  if (slash == absl::string_view::npos) return pattern == address;
  uint32_t net, addr;
  int bits;
  if (!ParseV4(pattern.substr(0, slash), &net) ||
      !absl::SimpleAtoi(pattern.substr(slash + 1), &bits) || bits < 0 ||
      bits > 32 || !ParseV4(address, &addr)) {
    return false;
  }
  uint32_t mask = bits == 0 ? 0 : ~0u << (32 - bits);
  return (net & mask) == (addr & mask);
}

const User* UserTable::FindByName(absl::string_view user) const {
  auto it = users_.find(user);
  return it == users_.end() ? nullptr : &it->second;
}

const User* UserTable::Find(absl::string_view user,
                            absl::string_view client_address) const {
  auto it = users_.find(user);
  if (it == users_.end()) return nullptr;
  const User& u = it->second;
  if (u.hosts.empty()) return &u;
  for (const std::string& pattern : u.hosts) {
    if (HostMatches(pattern, client_address)) return &u;
  }
  return nullptr;
}

absl::StatusOr<UserTable> ParseUsers(absl::string_view json) {
  Json root = Json::parse(json.begin(), json.end(), nullptr,
                          /*allow_exceptions=*/false);
  if (root.is_discarded()) return Bad("top level", "not valid JSON");
  if (!root.is_object() || !root.contains("users") ||
      !root["users"].is_array()) {
    return Bad("top level", "expected {\"users\": [...]}");
  }
  UserTable table;
  size_t index = 0;
  for (const Json& obj : root["users"]) {
    auto user = ParseUser(obj, index++);
    if (!user.ok()) return user.status();
    std::string name = user->name;
    if (!table.users_.emplace(name, std::move(*user)).second) {
      return Bad(absl::StrCat("user '", name, "'"), "listed twice");
    }
  }
  return table;
}

absl::StatusOr<UserTable> LoadUsersFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("cannot read users file " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseUsers(buffer.str());
}

}  // namespace tessera::gateway
