// The binary protocol of prepared statements: COM_STMT_EXECUTE parameters
// (NULL bitmap, type list, binary values, long data) and binary result rows.
//
// Results travel through Tessera in text form (include/tessera/result.h);
// AppendBinaryRow converts each text value to the binary encoding of its
// column type. Parameters are decoded to ParamValue, whose text form can be
// put into SQL (ToSqlLiteral / InterpolateParams), the way a router that
// normalizes literals to bind variables consumes them.
#ifndef TESSERA_LIB_MYSQL_BINARY_PROTOCOL_H_
#define TESSERA_LIB_MYSQL_BINARY_PROTOCOL_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "tessera/result.h"

namespace tessera::mysql {

struct ParamValue {
  enum class Kind { kNull, kInt, kUint, kDouble, kDecimal, kString, kTemporal };
  Kind kind = Kind::kNull;
  // Decimal digits for numbers, raw bytes for strings,
  // 'YYYY-MM-DD hh:mm:ss[.ffffff]' or '[-]hh:mm:ss[.ffffff]' for temporals.
  std::string text;
  uint16_t type = 6;  // MYSQL_TYPE_* sent by the client (MYSQL_TYPE_NULL)
};

// Statement id of a COM_STMT_EXECUTE payload (after the command byte).
absl::StatusOr<uint32_t> PeekStatementId(absl::string_view payload);

// Decodes the parameters of a COM_STMT_EXECUTE payload (after the command
// byte) for a statement with `num_params` parameters. `types` holds the
// types bound by the previous execution and is updated when the client sends
// new ones. Parameters listed in `long_data` (COM_STMT_SEND_LONG_DATA) take
// that data and are absent from the payload. Errors: 1210 (HY000)
// "Incorrect arguments to mysqld_stmt_execute" for malformed payloads.
absl::StatusOr<std::vector<ParamValue>> DecodeExecuteParams(
    absl::string_view payload, size_t num_params, std::vector<uint16_t>* types,
    const std::map<uint16_t, std::string>& long_data);

// SQL literal for a parameter: NULL, a number, or a quoted string.
std::string ToSqlLiteral(const ParamValue& value);

// Number of '?' placeholders outside quotes and comments.
size_t CountPlaceholders(absl::string_view sql);

// Replaces each placeholder with the literal of the matching parameter.
// Error 1210 if the counts differ.
absl::StatusOr<std::string> InterpolateParams(
    absl::string_view sql, absl::Span<const ParamValue> params);

// Appends one binary-protocol row (0x00, NULL bitmap, values). Errors if a
// value is not valid text for its column type.
absl::Status AppendBinaryRow(absl::Span<const Field> fields, const Row& row,
                             std::string* out);

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_BINARY_PROTOCOL_H_
