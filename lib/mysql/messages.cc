#include "lib/mysql/messages.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {
constexpr uint16_t kConnectToForeignDataSource = 1429;  // HY000
}  // namespace
namespace {

absl::Status Malformed(absl::string_view what) {
  return MysqlError(er::kHandshakeError, "08S01",
                    std::string("Malformed packet: ") + std::string(what));
}

// Reads connection attributes (a lenenc-prefixed list of key/value pairs).
bool ReadAttributes(WireReader& r, HandshakeResponse& out) {
  uint64_t total = r.LenencInt();
  if (!r.ok() || total > r.remaining()) return false;
  WireReader attrs(r.Bytes(static_cast<size_t>(total)));
  while (!attrs.empty() && attrs.ok()) {
    absl::string_view key = attrs.LenencString();
    absl::string_view value = attrs.LenencString();
    if (!attrs.ok()) return false;
    if (out.attributes.size() < 256) {
      out.attributes.emplace_back(std::string(key), std::string(value));
    }
  }
  return attrs.ok();
}

}  // namespace

std::string EncodeHandshake(const Handshake& h) {
  std::string out;
  WireWriter w(&out);
  w.Int1(10);
  w.NulString(h.server_version);
  w.Int4(h.connection_id);
  w.Bytes(absl::string_view(h.nonce).substr(0, 8));
  w.Int1(0);
  w.Int2(static_cast<uint16_t>(h.capabilities));
  w.Int1(h.charset);
  w.Int2(h.status_flags);
  w.Int2(static_cast<uint16_t>(h.capabilities >> 16));
  w.Int1(static_cast<uint8_t>(h.nonce.size() + 1));
  w.Zeros(10);
  w.NulString(absl::string_view(h.nonce).substr(8));
  w.NulString(h.auth_plugin);
  return out;
}

bool IsSslRequest(absl::string_view payload) {
  if (payload.size() != 32) return false;
  WireReader r(payload);
  return (r.Int4() & cap::kSsl) != 0;
}

absl::StatusOr<uint32_t> PeekCapabilities(absl::string_view payload) {
  WireReader r(payload);
  uint32_t caps = r.Int4();
  if (!r.ok()) return Malformed("short handshake response");
  return caps;
}

absl::StatusOr<HandshakeResponse> DecodeHandshakeResponse(
    absl::string_view payload) {
  WireReader r(payload);
  HandshakeResponse out;
  out.capabilities = r.Int4();
  if (!r.ok()) return Malformed("short handshake response");
  if (!(out.capabilities & cap::kProtocol41)) {
    return MysqlError(er::kHandshakeError, "08S01",
                      "Clients older than protocol 4.1 are not supported");
  }
  out.max_packet = r.Int4();
  out.charset = r.Int1();
  r.Skip(23);
  out.user = std::string(r.NulString());
  if (out.capabilities & cap::kPluginAuthLenencData) {
    out.auth_response = std::string(r.LenencString());
  } else if (out.capabilities & cap::kSecureConnection) {
    out.auth_response = std::string(r.Bytes(r.Int1()));
  } else {
    out.auth_response = std::string(r.NulString());
  }
  if (!r.ok()) return Malformed("handshake response");
  if ((out.capabilities & cap::kConnectWithDb) && !r.empty()) {
    out.database = std::string(r.NulString());
  }
  if ((out.capabilities & cap::kPluginAuth) && !r.empty()) {
    out.auth_plugin = std::string(r.NulString());
  }
  if ((out.capabilities & cap::kConnectAttrs) && !r.empty()) {
    if (!ReadAttributes(r, out)) return Malformed("connection attributes");
  }
  if (!r.ok()) return Malformed("handshake response");
  return out;
}

absl::StatusOr<HandshakeResponse> DecodeChangeUser(absl::string_view payload,
                                                   uint32_t capabilities) {
  WireReader r(payload);
  HandshakeResponse out;
  out.capabilities = capabilities;
  out.user = std::string(r.NulString());
  if (capabilities & cap::kSecureConnection) {
    out.auth_response = std::string(r.Bytes(r.Int1()));
  } else {
    out.auth_response = std::string(r.NulString());
  }
  out.database = std::string(r.NulString());
  if (!r.ok()) return Malformed("COM_CHANGE_USER");
  if (!r.empty()) out.charset = static_cast<uint8_t>(r.Int2());
  if ((capabilities & cap::kPluginAuth) && !r.empty()) {
    out.auth_plugin = std::string(r.NulString());
  }
  if ((capabilities & cap::kConnectAttrs) && !r.empty()) {
    if (!ReadAttributes(r, out)) return Malformed("connection attributes");
  }
  if (!r.ok()) return Malformed("COM_CHANGE_USER");
  return out;
}

std::string EncodeOk(const OkInfo& ok, uint8_t header) {
  std::string out;
  WireWriter w(&out);
  w.Int1(header);
  w.LenencInt(ok.affected_rows);
  w.LenencInt(ok.last_insert_id);
  const bool tracked = !ok.session_state.empty();
  w.Int2(ok.status_flags | (tracked ? status::kSessionStateChanged : 0));
  w.Int2(ok.warnings);
  // MariaDB sends the info string length-encoded (libmariadb expects it so
  // even without CLIENT_SESSION_TRACK).
  if (!ok.info.empty() || tracked) w.LenencString(ok.info);
  if (tracked) w.LenencString(ok.session_state);
  return out;
}

std::string EncodeEof(uint16_t warnings, uint16_t status_flags) {
  std::string out;
  WireWriter w(&out);
  w.Int1(0xFE);
  w.Int2(warnings);
  w.Int2(status_flags);
  return out;
}

std::string EncodeErr(uint16_t code, absl::string_view sqlstate,
                      absl::string_view message) {
  std::string out;
  WireWriter w(&out);
  w.Int1(0xFF);
  w.Int2(code);
  w.Int1('#');
  std::string state(sqlstate.substr(0, 5));
  state.resize(5, '0');
  w.Bytes(state);
  w.Bytes(message.substr(0, 512));
  return out;
}

std::string EncodeErr(const absl::Status& status) {
  MysqlErrorInfo info = ToMysqlError(status);
  // 2000-2999 are client-library errors (a backend the gateway could not
  // reach or lost). No server sends them and client libraries misread them
  // (libmariadb reports 2027 "malformed packet"); the client's own
  // connection is fine, so they become server errors with SQLSTATE HY000
  // (not 08S01, which drivers take as "this connection is dead").
  if (info.code >= 2000 && info.code < 3000) {
    bool connect = info.code == 2002 || info.code == 2003 || info.code == 2005;
    return EncodeErr(
        connect ? kConnectToForeignDataSource : er::kUnknownError, "HY000",
        absl::StrCat(connect ? "Unable to connect to foreign data source: "
                             : "Backend error: ",
                     info.message, " (client error ", info.code, ")"));
  }
  return EncodeErr(info.code, info.sqlstate, info.message);
}

std::string EncodeAuthSwitch(absl::string_view plugin,
                             absl::string_view nonce) {
  std::string out;
  WireWriter w(&out);
  w.Int1(0xFE);
  w.NulString(plugin);
  w.NulString(nonce);
  return out;
}

std::string EncodeAuthMoreData(absl::string_view data) {
  std::string out(1, '\x01');
  out.append(data.data(), data.size());
  return out;
}

std::string EncodeColumnDefinition(const Field& f) {
  std::string out;
  out.reserve(32 + f.name.size() * 2 + f.table.size() * 2 + f.database.size());
  WireWriter w(&out);
  w.LenencString("def");
  w.LenencString(f.database);
  w.LenencString(f.table);
  w.LenencString(f.org_table);
  w.LenencString(f.name);
  w.LenencString(f.org_name);
  w.LenencInt(0x0c);
  w.Int2(f.charset);
  w.Int4(f.column_length);
  w.Int1(static_cast<uint8_t>(f.type));
  w.Int2(static_cast<uint16_t>(f.flags));
  w.Int1(f.decimals);
  w.Int2(0);
  return out;
}

void AppendTextRow(const Row& row, std::string* out) {
  WireWriter w(out);
  for (const Value& v : row) {
    if (v.is_null()) {
      w.Int1(0xFB);
    } else {
      w.LenencString(v.bytes());
    }
  }
}

}  // namespace tessera::mysql
