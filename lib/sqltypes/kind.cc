#include "lib/sqltypes/kind.h"

namespace tessera::sqltypes {

absl::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull:
      return "NULL";
    case Kind::kInt:
      return "INT";
    case Kind::kUint:
      return "UINT";
    case Kind::kDecimal:
      return "DECIMAL";
    case Kind::kFloat:
      return "FLOAT";
    case Kind::kYear:
      return "YEAR";
    case Kind::kDate:
      return "DATE";
    case Kind::kDateTime:
      return "DATETIME";
    case Kind::kTime:
      return "TIME";
    case Kind::kText:
      return "TEXT";
    case Kind::kBinary:
      return "BINARY";
  }
  return "?";
}

bool IsNumeric(Kind kind) {
  return kind == Kind::kInt || kind == Kind::kUint || kind == Kind::kDecimal ||
         kind == Kind::kFloat || kind == Kind::kYear;
}

bool IsIntegral(Kind kind) {
  return kind == Kind::kInt || kind == Kind::kUint || kind == Kind::kYear;
}

bool IsTemporal(Kind kind) {
  return kind == Kind::kDate || kind == Kind::kDateTime || kind == Kind::kTime;
}

Kind KindOf(const Field& field) {
  return KindOf(field.type, field.flags, field.charset);
}

Kind KindOf(FieldType type, uint32_t flags, uint16_t charset) {
  const bool is_unsigned = (flags & field_flag::kUnsigned) != 0;
  switch (type) {
    case FieldType::kTiny:
    case FieldType::kShort:
    case FieldType::kLong:
    case FieldType::kInt24:
    case FieldType::kLongLong:
      return is_unsigned ? Kind::kUint : Kind::kInt;
    case FieldType::kDecimal:
    case FieldType::kNewDecimal:
      return Kind::kDecimal;
    case FieldType::kFloat:
    case FieldType::kDouble:
      return Kind::kFloat;
    case FieldType::kYear:
      return Kind::kYear;
    case FieldType::kNull:
      return Kind::kNull;
    case FieldType::kDate:
    case FieldType::kNewDate:
      return Kind::kDate;
    case FieldType::kTimestamp:
    case FieldType::kDateTime:
      return Kind::kDateTime;
    case FieldType::kTime:
      return Kind::kTime;
    case FieldType::kBit:
    case FieldType::kGeometry:
      return Kind::kBinary;
    case FieldType::kJson:
    case FieldType::kEnum:
    case FieldType::kSet:
      return Kind::kText;
    case FieldType::kVarchar:
    case FieldType::kVarString:
    case FieldType::kString:
    case FieldType::kTinyBlob:
    case FieldType::kMediumBlob:
    case FieldType::kLongBlob:
    case FieldType::kBlob:
      return charset == kBinaryCollation ? Kind::kBinary : Kind::kText;
  }
  return Kind::kBinary;
}

CollationInfo CollationOf(uint16_t id) {
  CollationInfo info;
  if (id == kBinaryCollation) {
    info.binary = true;
    info.pad_space = false;
    return info;
  }
  // MariaDB numbers a NO PAD collation 1024 + the id of its PAD SPACE twin.
  uint16_t base = id;
  if (id >= 1024 && id < 2048) {
    base = id - 1024;
    info.pad_space = false;
  }
  switch (base) {
    case 46:  // utf8mb4_bin
    case 83:  // utf8mb3_bin
    case 47:  // latin1_bin
    case 65:  // ascii_bin
      // Byte order, which is code point order for UTF-8.
      return info;
    default:
      // Everything else MariaDB ships by default is case insensitive
      // (utf8mb4_general_ci 45, utf8mb3_general_ci 33, utf8mb4_unicode_ci
      // 224, latin1_swedish_ci 8, ...).
      info.case_insensitive = true;
      return info;
  }
}

}  // namespace tessera::sqltypes
