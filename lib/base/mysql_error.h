// MySQL error numbers and SQLSTATEs carried inside absl::Status.
//
// Any layer may return a plain absl::Status; the gateway (and the C ABI)
// turn it into a MySQL error packet with ToMysqlError(). A status built with
// MysqlError() carries its exact errno and SQLSTATE as a payload; any other
// status is mapped from its canonical code to a fitting MySQL error.
#ifndef TESSERA_LIB_BASE_MYSQL_ERROR_H_
#define TESSERA_LIB_BASE_MYSQL_ERROR_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tessera {

// MySQL/MariaDB error numbers Tessera emits itself.
namespace er {
inline constexpr uint16_t kAccessDenied = 1045;             // 28000
inline constexpr uint16_t kDbAccessDenied = 1044;           // 42000
inline constexpr uint16_t kNoDb = 1046;                     // 3D000
inline constexpr uint16_t kUnknownCom = 1047;               // 08S01
inline constexpr uint16_t kBadDb = 1049;                    // 42000
inline constexpr uint16_t kNetPacketTooLarge = 1153;        // 08S01
inline constexpr uint16_t kParseError = 1064;               // 42000
inline constexpr uint16_t kEmptyQuery = 1065;               // 42000
inline constexpr uint16_t kNoSuchTable = 1146;              // 42S02
inline constexpr uint16_t kBadField = 1054;                 // 42S22
inline constexpr uint16_t kDupEntry = 1062;                 // 23000
inline constexpr uint16_t kUnknownError = 1105;             // HY000
inline constexpr uint16_t kTooManyConnections = 1040;       // 08004
inline constexpr uint16_t kHandshakeError = 1043;           // 08S01
inline constexpr uint16_t kQueryInterrupted = 1317;         // 70100
inline constexpr uint16_t kStackOverrun = 1436;             // HY000
inline constexpr uint16_t kNotSupportedYet = 1235;          // 42000
inline constexpr uint16_t kLockWaitTimeout = 1205;          // HY000
inline constexpr uint16_t kStatementTimeout = 1969;         // 70100 (MariaDB)
inline constexpr uint16_t kTooBigSelect = 1104;             // 42000
inline constexpr uint16_t kOutOfResources = 1041;           // HY000
inline constexpr uint16_t kWrongArguments = 1210;           // HY000
inline constexpr uint16_t kUnknownSystemVariable = 1193;    // HY000
inline constexpr uint16_t kOptionPreventsStatement = 1290;  // HY000
inline constexpr uint16_t kSecureTransportRequired = 3159;  // HY000
inline constexpr uint16_t kUnknownStmtHandler = 1243;       // HY000
inline constexpr uint16_t kMaxPreparedStmtCount = 1461;     // 42000
inline constexpr uint16_t kNoSuchThread = 1094;             // HY000
inline constexpr uint16_t kTooLongIdent = 1059;             // 42000
}  // namespace er

// A MySQL error as sent in an ERR packet.
struct MysqlErrorInfo {
  uint16_t code = er::kUnknownError;
  std::string sqlstate = "HY000";  // always 5 characters
  std::string message;
};

// Builds a status carrying `code` and `sqlstate` (5 characters; anything
// else is replaced by "HY000"). The canonical code is derived from the
// SQLSTATE class so that non-MySQL callers still see a sensible category.
absl::Status MysqlError(uint16_t code, absl::string_view sqlstate,
                        absl::string_view message);

// Returns the MySQL error for `status` (which must not be OK): its payload
// if it has one, else a mapping of its canonical code.
MysqlErrorInfo ToMysqlError(const absl::Status& status);

// Shorthands for the errors every layer uses.
absl::Status ParseError(absl::string_view message);          // 1064 42000
absl::Status UnsupportedError(absl::string_view message);    // 1235 42000
absl::Status InternalMysqlError(absl::string_view message);  // 1105 HY000

}  // namespace tessera

#endif  // TESSERA_LIB_BASE_MYSQL_ERROR_H_
