// Server-side encoders and decoders of MySQL protocol messages: the initial
// handshake (v10), the client's handshake response, OK / ERR / EOF packets,
// column definitions and text-protocol rows.
//
// Encoders return or append payloads only (no packet headers; see codec.h).
// Decoders return InvalidArgument-class MySQL errors (1043 08S01) for
// malformed input; they never read past the payload.
#ifndef TESSERA_LIB_MYSQL_MESSAGES_H_
#define TESSERA_LIB_MYSQL_MESSAGES_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tessera/result.h"

namespace tessera::mysql {

struct Handshake {
  std::string server_version;
  uint32_t connection_id = 0;
  std::string nonce;  // 20 bytes of scramble
  uint32_t capabilities = 0;
  uint8_t charset = 45;
  uint16_t status_flags = 0;
  std::string auth_plugin;
};
std::string EncodeHandshake(const Handshake& h);

struct HandshakeResponse {
  uint32_t capabilities = 0;
  uint32_t max_packet = 0;
  uint8_t charset = 0;
  std::string user;
  std::string auth_response;
  std::string database;
  std::string auth_plugin;
  std::vector<std::pair<std::string, std::string>> attributes;
};

// True if the payload is an SSLRequest (32 bytes, CLIENT_SSL set).
bool IsSslRequest(absl::string_view payload);
// Capabilities in an SSLRequest or HandshakeResponse41.
absl::StatusOr<uint32_t> PeekCapabilities(absl::string_view payload);
// Decodes HandshakeResponse41; pre-4.1 clients are refused.
absl::StatusOr<HandshakeResponse> DecodeHandshakeResponse(
    absl::string_view payload);

// COM_CHANGE_USER payload (after the command byte).
absl::StatusOr<HandshakeResponse> DecodeChangeUser(absl::string_view payload,
                                                   uint32_t capabilities);

struct OkInfo {
  uint64_t affected_rows = 0;
  uint64_t last_insert_id = 0;
  uint16_t status_flags = 0;
  uint16_t warnings = 0;
  std::string info;
  // Session state info (EncodeSessionState, session_track.h), sent only to
  // clients with CLIENT_SESSION_TRACK; non-empty sets
  // SERVER_SESSION_STATE_CHANGED.
  std::string session_state;
};
// OK packet; `header` is 0x00, or 0xFE for the EOF-replacing OK sent at the
// end of a result set when CLIENT_DEPRECATE_EOF was negotiated.
std::string EncodeOk(const OkInfo& ok, uint8_t header = 0x00);
std::string EncodeEof(uint16_t warnings, uint16_t status_flags);
std::string EncodeErr(uint16_t code, absl::string_view sqlstate,
                      absl::string_view message);
// ERR packet from a status (ToMysqlError mapping).
std::string EncodeErr(const absl::Status& status);

// Auth switch request (0xFE, plugin, data) and auth-more-data (0x01, data).
std::string EncodeAuthSwitch(absl::string_view plugin, absl::string_view nonce);
std::string EncodeAuthMoreData(absl::string_view data);

std::string EncodeColumnDefinition(const Field& field);
// Appends one text-protocol row.
void AppendTextRow(const Row& row, std::string* out);

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_MESSAGES_H_
