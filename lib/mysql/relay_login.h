// The client side of a MySQL login, for the packet relay's backend
// connections (lib/gateway/relay_session.h): decoding the server's initial
// handshake (v10) and its answers to the login, and encoding the
// HandshakeResponse41 and auth-switch answers for mysql_native_password
// and caching_sha2_password (fast path). Pure functions; every decoder
// takes any bytes (fuzzed by decoder_fuzzer.cc).
#ifndef TESSERA_LIB_MYSQL_RELAY_LOGIN_H_
#define TESSERA_LIB_MYSQL_RELAY_LOGIN_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::mysql {

struct ServerGreeting {
  std::string server_version;
  uint32_t connection_id = 0;
  std::string nonce;  // 20 bytes
  uint32_t capabilities = 0;
  std::string auth_plugin;
};

// Errors: 2027 (HY000) "Malformed packet" style MySQL errors.
absl::StatusOr<ServerGreeting> DecodeGreeting(absl::string_view payload);

struct LoginRequest {
  uint32_t capabilities = 0;
  uint8_t charset = 45;
  std::string user;
  std::string password;
  std::string database;  // sent if non-empty (CLIENT_CONNECT_WITH_DB)
};

// The scramble of `password` for `plugin` with `nonce`; empty for an empty
// password. Unimplemented for plugins other than the two above.
absl::StatusOr<std::string> AuthAnswer(absl::string_view plugin,
                                       absl::string_view nonce,
                                       absl::string_view password);

// HandshakeResponse41 answering `greeting`.
absl::StatusOr<std::string> EncodeLogin(const ServerGreeting& greeting,
                                        const LoginRequest& request);

// What to do after the backend's answer to the login (or to an auth-switch
// reply).
struct LoginStep {
  enum class Kind {
    kDone,   // OK: logged in
    kReply,  // send `reply` (an auth switch's answer)
    kWait,   // caching_sha2 fast path accepted: the OK follows
  };
  Kind kind = Kind::kDone;
  std::string reply;
};

// Errors: the backend's ERR packet (its code, HY000, "backend login: ...");
// 2013 (HY000) for an auth switch without its plugin name; 1251 (08004)
// for a plugin AuthAnswer does not know or a caching_sha2 full
// authentication (which needs TLS); 2027 (HY000) for an empty packet.
absl::StatusOr<LoginStep> DecodeLoginAnswer(absl::string_view packet,
                                            absl::string_view password);

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_RELAY_LOGIN_H_
