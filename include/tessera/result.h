// Values, columns and results returned by Tessera (public API).
//
// A Value is one cell in MySQL's text-protocol form: the exact bytes MariaDB
// would send for it (decimal digits for numbers, 'YYYY-MM-DD hh:mm:ss' for
// datetimes, raw bytes for strings and blobs) plus its column type, or NULL.
// Values are cheap to move and safe to copy; they own their bytes.
//
// Thread safety: these are plain values; concurrent const access is safe.
#ifndef TESSERA_INCLUDE_TESSERA_RESULT_H_
#define TESSERA_INCLUDE_TESSERA_RESULT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tessera {

// MySQL column types, numbered as in the wire protocol (MYSQL_TYPE_*).
enum class FieldType : uint8_t {
  kDecimal = 0,
  kTiny = 1,
  kShort = 2,
  kLong = 3,
  kFloat = 4,
  kDouble = 5,
  kNull = 6,
  kTimestamp = 7,
  kLongLong = 8,
  kInt24 = 9,
  kDate = 10,
  kTime = 11,
  kDateTime = 12,
  kYear = 13,
  kNewDate = 14,
  kVarchar = 15,
  kBit = 16,
  kJson = 245,
  kNewDecimal = 246,
  kEnum = 247,
  kSet = 248,
  kTinyBlob = 249,
  kMediumBlob = 250,
  kLongBlob = 251,
  kBlob = 252,
  kVarString = 253,
  kString = 254,
  kGeometry = 255,
};

// Column flags, as in the wire protocol.
namespace field_flag {
inline constexpr uint32_t kNotNull = 1;
inline constexpr uint32_t kPrimaryKey = 2;
inline constexpr uint32_t kUniqueKey = 4;
inline constexpr uint32_t kMultipleKey = 8;
inline constexpr uint32_t kBlob = 16;
inline constexpr uint32_t kUnsigned = 32;
inline constexpr uint32_t kZeroFill = 64;
inline constexpr uint32_t kBinary = 128;
inline constexpr uint32_t kEnum = 256;
inline constexpr uint32_t kAutoIncrement = 512;
inline constexpr uint32_t kTimestamp = 1024;
inline constexpr uint32_t kSet = 2048;
inline constexpr uint32_t kNum = 32768;
}  // namespace field_flag

// Column metadata of a result set (a ColumnDefinition packet).
struct Field {
  std::string name;
  std::string org_name;
  std::string table;
  std::string org_table;
  std::string database;
  FieldType type = FieldType::kVarString;
  uint32_t flags = 0;
  uint16_t charset = 33;  // utf8mb3_general_ci; 63 = binary
  uint32_t column_length = 0;
  uint8_t decimals = 0;
};

// One cell: NULL, or text-protocol bytes.
class Value {
 public:
  Value() = default;  // NULL
  static Value Null() { return Value(); }
  static Value Text(std::string bytes) { return Value(std::move(bytes)); }

  bool is_null() const { return null_; }
  // The text-protocol bytes; empty for NULL.
  const std::string& bytes() const { return bytes_; }

  friend bool operator==(const Value& a, const Value& b) {
    return a.null_ == b.null_ && a.bytes_ == b.bytes_;
  }
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  explicit Value(std::string bytes) : null_(false), bytes_(std::move(bytes)) {}

  bool null_ = true;
  std::string bytes_;
};

using Row = std::vector<Value>;

// The outcome of one statement: a result set (fields + rows) or, for
// statements without one, affected rows and the last insert id.
struct Result {
  std::vector<Field> fields;
  std::vector<Row> rows;
  uint64_t affected_rows = 0;
  uint64_t last_insert_id = 0;
  uint16_t warnings = 0;
  std::string info;  // e.g. "Records: 3  Duplicates: 0  Warnings: 0"

  bool has_result_set() const { return !fields.empty(); }
};

}  // namespace tessera

#endif  // TESSERA_INCLUDE_TESSERA_RESULT_H_
