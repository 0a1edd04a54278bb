#include "lib/base/mysql_error.h"

#include <charconv>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace tessera {
namespace {

// Payload: "<errno>:<sqlstate>".
constexpr absl::string_view kPayloadUrl = "tessera.dev/mysql_error";

bool ValidSqlState(absl::string_view s) {
  if (s.size() != 5) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

absl::StatusCode CodeForSqlState(absl::string_view s) {
  absl::string_view cls = s.substr(0, 2);
  if (cls == "42") return absl::StatusCode::kInvalidArgument;
  if (cls == "23") return absl::StatusCode::kAlreadyExists;
  if (cls == "28") return absl::StatusCode::kPermissionDenied;
  if (cls == "08") return absl::StatusCode::kUnavailable;
  if (cls == "70") return absl::StatusCode::kCancelled;
  if (cls == "40") return absl::StatusCode::kAborted;
  if (cls == "22") return absl::StatusCode::kOutOfRange;
  if (cls == "3D") return absl::StatusCode::kFailedPrecondition;
  return absl::StatusCode::kUnknown;
}

}  // namespace

absl::Status MysqlError(uint16_t code, absl::string_view sqlstate,
                        absl::string_view message) {
  if (!ValidSqlState(sqlstate)) sqlstate = "HY000";
  absl::StatusCode canonical = CodeForSqlState(sqlstate);
  if (code == er::kNotSupportedYet)
    canonical = absl::StatusCode::kUnimplemented;
  if (code == er::kStatementTimeout) {
    canonical = absl::StatusCode::kDeadlineExceeded;
  }
  if (code == er::kOutOfResources || code == er::kTooManyConnections) {
    canonical = absl::StatusCode::kResourceExhausted;
  }
  absl::Status status(canonical, message);
  status.SetPayload(kPayloadUrl, absl::Cord(absl::StrCat(code, ":", sqlstate)));
  return status;
}

MysqlErrorInfo ToMysqlError(const absl::Status& status) {
  MysqlErrorInfo info;
  info.message = std::string(status.message());
  if (auto payload = status.GetPayload(kPayloadUrl)) {
    std::string text(*payload);
    size_t colon = text.find(':');
    unsigned value = 0;
    if (colon != std::string::npos &&
        std::from_chars(text.data(), text.data() + colon, value).ec ==
            std::errc() &&
        value > 0 && value < 65536 && ValidSqlState(text.substr(colon + 1))) {
      info.code = static_cast<uint16_t>(value);
      info.sqlstate = text.substr(colon + 1);
      return info;
    }
  }
  switch (status.code()) {
    case absl::StatusCode::kUnimplemented:
      info.code = er::kNotSupportedYet;
      info.sqlstate = "42000";
      break;
    case absl::StatusCode::kDeadlineExceeded:
      info.code = er::kStatementTimeout;
      info.sqlstate = "70100";
      break;
    case absl::StatusCode::kCancelled:
      info.code = er::kQueryInterrupted;
      info.sqlstate = "70100";
      break;
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kUnauthenticated:
      info.code = er::kAccessDenied;
      info.sqlstate = "28000";
      break;
    case absl::StatusCode::kResourceExhausted:
      info.code = er::kOutOfResources;
      info.sqlstate = "HY000";
      break;
    default:
      info.code = er::kUnknownError;
      info.sqlstate = "HY000";
      break;
  }
  return info;
}

absl::Status ParseError(absl::string_view message) {
  return MysqlError(er::kParseError, "42000", message);
}

absl::Status UnsupportedError(absl::string_view message) {
  return MysqlError(er::kNotSupportedYet, "42000", message);
}

absl::Status InternalMysqlError(absl::string_view message) {
  return MysqlError(er::kUnknownError, "HY000", message);
}

}  // namespace tessera
