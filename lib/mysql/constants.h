// MySQL wire-protocol constants: capability flags, commands, status flags.
// Numbers follow the MySQL/MariaDB client/server protocol documentation.
#ifndef TESSERA_LIB_MYSQL_CONSTANTS_H_
#define TESSERA_LIB_MYSQL_CONSTANTS_H_

#include <cstddef>
#include <cstdint>

namespace tessera::mysql {

// Largest payload of one physical packet; longer payloads are split.
inline constexpr size_t kMaxPacketChunk = 0xFFFFFF;

namespace cap {
inline constexpr uint32_t kLongPassword = 1;
inline constexpr uint32_t kFoundRows = 2;
inline constexpr uint32_t kLongFlag = 4;
inline constexpr uint32_t kConnectWithDb = 8;
inline constexpr uint32_t kNoSchema = 16;
inline constexpr uint32_t kCompress = 32;
inline constexpr uint32_t kOdbc = 64;
inline constexpr uint32_t kLocalFiles = 128;
inline constexpr uint32_t kIgnoreSpace = 256;
inline constexpr uint32_t kProtocol41 = 512;
inline constexpr uint32_t kInteractive = 1024;
inline constexpr uint32_t kSsl = 2048;
inline constexpr uint32_t kIgnoreSigpipe = 4096;
inline constexpr uint32_t kTransactions = 8192;
inline constexpr uint32_t kReserved = 16384;
inline constexpr uint32_t kSecureConnection = 32768;
inline constexpr uint32_t kMultiStatements = 1u << 16;
inline constexpr uint32_t kMultiResults = 1u << 17;
inline constexpr uint32_t kPsMultiResults = 1u << 18;
inline constexpr uint32_t kPluginAuth = 1u << 19;
inline constexpr uint32_t kConnectAttrs = 1u << 20;
inline constexpr uint32_t kPluginAuthLenencData = 1u << 21;
inline constexpr uint32_t kCanHandleExpiredPasswords = 1u << 22;
inline constexpr uint32_t kSessionTrack = 1u << 23;
inline constexpr uint32_t kDeprecateEof = 1u << 24;
}  // namespace cap

namespace status {
inline constexpr uint16_t kInTrans = 1;
inline constexpr uint16_t kAutocommit = 2;
inline constexpr uint16_t kMoreResultsExist = 8;
inline constexpr uint16_t kNoGoodIndexUsed = 16;
inline constexpr uint16_t kNoIndexUsed = 32;
inline constexpr uint16_t kCursorExists = 64;
inline constexpr uint16_t kLastRowSent = 128;
inline constexpr uint16_t kPsOutParams = 4096;
inline constexpr uint16_t kSessionStateChanged = 0x4000;
}  // namespace status

enum class Command : uint8_t {
  kSleep = 0x00,
  kQuit = 0x01,
  kInitDb = 0x02,
  kQuery = 0x03,
  kFieldList = 0x04,
  kStatistics = 0x09,
  kProcessKill = 0x0c,
  kPing = 0x0e,
  kChangeUser = 0x11,
  kStmtPrepare = 0x16,
  kStmtExecute = 0x17,
  kStmtSendLongData = 0x18,
  kStmtClose = 0x19,
  kStmtReset = 0x1a,
  kSetOption = 0x1b,
  kStmtFetch = 0x1c,
  kResetConnection = 0x1f,
};

// Session state tracker types (OK packet, CLIENT_SESSION_TRACK).
namespace track {
inline constexpr uint8_t kSystemVariables = 0;
inline constexpr uint8_t kSchema = 1;
inline constexpr uint8_t kStateChange = 2;
}  // namespace track

// Character sets (collation ids) used in handshakes and column definitions.
inline constexpr uint8_t kUtf8mb4GeneralCi = 45;
inline constexpr uint16_t kBinaryCollation = 63;

inline constexpr char kNativePassword[] = "mysql_native_password";
inline constexpr char kCachingSha2Password[] = "caching_sha2_password";

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_CONSTANTS_H_
