// Helpers for engine unit tests: compact fields, rows and results.
#ifndef TESSERA_LIB_ENGINE_TEST_UTIL_H_
#define TESSERA_LIB_ENGINE_TEST_UTIL_H_

#include <initializer_list>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_join.h"
#include "lib/engine/operator.h"
#include "tessera/result.h"

namespace tessera::engine::testutil {

inline Field F(const std::string& name, FieldType type, uint16_t charset = 63,
               uint32_t flags = 0) {
  Field f;
  f.name = name;
  f.type = type;
  f.charset = charset;
  f.flags = flags;
  return f;
}
inline Field IntF(const std::string& name) {
  return F(name, FieldType::kLongLong);
}
inline Field TextF(const std::string& name, uint16_t collation = 45) {
  return F(name, FieldType::kVarString, collation);
}

// Cells: nullptr is NULL.
inline Row R(std::initializer_list<const char*> cells) {
  Row row;
  for (const char* c : cells) {
    row.push_back(c == nullptr ? Value::Null() : Value::Text(c));
  }
  return row;
}

inline Result Res(std::vector<Field> fields, std::vector<Row> rows) {
  Result r;
  r.fields = std::move(fields);
  r.rows = std::move(rows);
  return r;
}

// "a|b|NULL" per row.
inline std::vector<std::string> Dump(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const Row& row : rows) {
    std::vector<std::string> cells;
    for (const Value& v : row)
      cells.push_back(v.is_null() ? "NULL" : v.bytes());
    out.push_back(absl::StrJoin(cells, "|"));
  }
  return out;
}

// An operator returning fixed rows (for feeding operators under test).
class Rows : public Operator {
 public:
  Rows(std::vector<Field> fields, std::vector<Row> rows)
      : fields_(std::move(fields)), rows_(std::move(rows)) {}
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext&, const BindVars&) const override {
    return std::unique_ptr<RowStream>(
        std::make_unique<VectorStream>(fields_, rows_));
  }
  std::string Describe() const override { return "Rows"; }

 private:
  std::vector<Field> fields_;
  std::vector<Row> rows_;
};

}  // namespace tessera::engine::testutil

#endif  // TESSERA_LIB_ENGINE_TEST_UTIL_H_
