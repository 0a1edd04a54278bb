#include "lib/mysql/relay_login.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/scramble.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

absl::Status Malformed(absl::string_view what) {
  return MysqlError(2027, "HY000",
                    absl::StrCat("Malformed backend handshake: ", what));
}

}  // namespace

absl::StatusOr<ServerGreeting> DecodeGreeting(absl::string_view payload) {
  WireReader r(payload);
  if (r.Peek() == 0xFF) {
    r.Int1();
    uint16_t code = r.Int2();
    return MysqlError(
        code, "HY000",
        absl::StrCat("backend refused the connection: ", r.Rest()));
  }
  if (r.Int1() != 10) return Malformed("protocol version is not 10");
  ServerGreeting g;
  g.server_version = std::string(r.NulString());
  g.connection_id = r.Int4();
  g.nonce = std::string(r.Bytes(8));
  r.Skip(1);
  g.capabilities = r.Int2();
  r.Int1();  // charset
  r.Int2();  // status
  g.capabilities |= static_cast<uint32_t>(r.Int2()) << 16;
  size_t auth_len = r.Int1();
  r.Skip(10);
  if (!r.ok()) return Malformed("truncated");
  if (g.capabilities & cap::kSecureConnection) {
    size_t n = std::max<size_t>(13, auth_len > 8 ? auth_len - 8 : 0);
    absl::string_view part2 = r.Bytes(std::min(n, r.remaining()));
    if (!part2.empty() && part2.back() == '\0') part2.remove_suffix(1);
    g.nonce.append(part2.data(), part2.size());
  }
  if (g.capabilities & cap::kPluginAuth) {
    absl::string_view rest = r.Rest();
    size_t nul = rest.find('\0');
    g.auth_plugin = std::string(rest.substr(0, nul));
  }
  if (!r.ok() || g.nonce.size() < 20) return Malformed("short nonce");
  if (g.auth_plugin.empty()) g.auth_plugin = kNativePassword;
  return g;
}

absl::StatusOr<std::string> AuthAnswer(absl::string_view plugin,
                                       absl::string_view nonce,
                                       absl::string_view password) {
  if (password.empty()) return std::string();
  absl::string_view n = nonce.substr(0, 20);
  if (plugin == kNativePassword) {
    return NativeScramble(n, password);
  }
  if (plugin == kCachingSha2Password) {
    return Sha2Scramble(n, password);
  }
  return MysqlError(
      1251, "08004",
      absl::StrCat("backend asks for authentication plugin '", plugin,
                   "'; the relay speaks mysql_native_password and "
                   "caching_sha2_password"));
}

absl::StatusOr<std::string> EncodeLogin(const ServerGreeting& greeting,
                                        const LoginRequest& request) {
  auto answer =
      AuthAnswer(greeting.auth_plugin, greeting.nonce, request.password);
  if (!answer.ok()) return answer.status();
  uint32_t caps = request.capabilities;
  if (request.database.empty()) caps &= ~cap::kConnectWithDb;
  std::string out;
  WireWriter w(&out);
  w.Int4(caps);
  w.Int4(1u << 30);  // max packet
  w.Int1(request.charset);
  w.Zeros(23);
  w.NulString(request.user);
  if (caps & cap::kPluginAuthLenencData) {
    w.LenencString(*answer);
  } else {
    w.Int1(static_cast<uint8_t>(answer->size()));
    w.Bytes(*answer);
  }
  if (caps & cap::kConnectWithDb) w.NulString(request.database);
  if (caps & cap::kPluginAuth) w.NulString(greeting.auth_plugin);
  return out;
}

absl::StatusOr<LoginStep> DecodeLoginAnswer(absl::string_view packet,
                                            absl::string_view password) {
  if (packet.empty()) return Malformed("empty login answer");
  const uint8_t head = static_cast<uint8_t>(packet[0]);
  absl::string_view rest = packet.substr(1);
  LoginStep step;
  if (head == 0x00) return step;
  if (head == 0xFF) {
    WireReader r(rest);
    uint16_t code = r.Int2();
    if (!r.ok() || code == 0) return Malformed("truncated error packet");
    if (r.Peek() == '#') r.Skip(6);  // '#' and SQLSTATE
    return MysqlError(code, "HY000",
                      absl::StrCat("backend login: ", r.ok() ? r.Rest() : ""));
  }
  if (head == 0xFE) {  // auth switch: plugin NUL nonce
    size_t nul = rest.find('\0');
    if (nul == absl::string_view::npos) {
      return MysqlError(2013, "HY000",
                        "Lost connection to the backend: bad auth switch");
    }
    absl::StatusOr<std::string> reply =
        AuthAnswer(rest.substr(0, nul), rest.substr(nul + 1), password);
    if (!reply.ok()) return reply.status();
    step.reply = *std::move(reply);
    step.kind = LoginStep::Kind::kReply;
    return step;
  }
  if (head == 0x01 && rest == "\x03") {
    step.kind = LoginStep::Kind::kWait;
    return step;
  }
  return MysqlError(
      1251, "08004",
      "backend wants caching_sha2_password full authentication, which "
      "needs TLS; give the gateway's backend user a "
      "mysql_native_password or a cached sha2 password");
}

}  // namespace tessera::mysql
