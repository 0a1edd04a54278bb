// tessera_result_t: a statement's result set or counts.
#include "lib/capi/internal.h"

namespace {

const char* Cell(const tessera::Result& r, uint64_t row, size_t col,
                 size_t* len) {
  if (len != nullptr) *len = 0;
  if (row >= r.rows.size() || col >= r.rows[row].size()) return nullptr;
  const tessera::Value& v = r.rows[row][col];
  if (v.is_null()) return nullptr;
  if (len != nullptr) *len = v.bytes().size();
  return v.bytes().c_str();
}

}  // namespace

extern "C" {

void tessera_result_destroy(tessera_result_t* result) noexcept {
  delete result;
}

size_t tessera_result_column_count(const tessera_result_t* result) noexcept {
  return result->rep.fields.size();
}

const char* tessera_result_column_name(const tessera_result_t* result,
                                       size_t col, size_t* len) noexcept {
  if (col >= result->rep.fields.size()) {
    if (len != nullptr) *len = 0;
    return nullptr;
  }
  const std::string& name = result->rep.fields[col].name;
  if (len != nullptr) *len = name.size();
  return name.c_str();
}

int tessera_result_column_type(const tessera_result_t* result,
                               size_t col) noexcept {
  if (col >= result->rep.fields.size()) return -1;
  return static_cast<int>(result->rep.fields[col].type);
}

uint32_t tessera_result_column_flags(const tessera_result_t* result,
                                     size_t col) noexcept {
  if (col >= result->rep.fields.size()) return 0;
  return result->rep.fields[col].flags;
}

uint16_t tessera_result_column_charset(const tessera_result_t* result,
                                       size_t col) noexcept {
  if (col >= result->rep.fields.size()) return 0;
  return result->rep.fields[col].charset;
}

uint64_t tessera_result_row_count(const tessera_result_t* result) noexcept {
  return result->rep.rows.size();
}

unsigned char tessera_result_next(tessera_result_t* result) noexcept {
  const int64_t n = static_cast<int64_t>(result->rep.rows.size());
  if (result->current < n) ++result->current;
  return result->current < n ? 1 : 0;
}

const char* tessera_result_value(const tessera_result_t* result, size_t col,
                                 size_t* len) noexcept {
  if (result->current < 0) {
    if (len != nullptr) *len = 0;
    return nullptr;
  }
  return Cell(result->rep, static_cast<uint64_t>(result->current), col, len);
}

const char* tessera_result_cell(const tessera_result_t* result, uint64_t row,
                                size_t col, size_t* len) noexcept {
  return Cell(result->rep, row, col, len);
}

uint64_t tessera_result_affected_rows(const tessera_result_t* result) noexcept {
  return result->rep.affected_rows;
}

uint64_t tessera_result_last_insert_id(
    const tessera_result_t* result) noexcept {
  return result->rep.last_insert_id;
}

uint16_t tessera_result_warning_count(const tessera_result_t* result) noexcept {
  return result->rep.warnings;
}

const char* tessera_result_info(const tessera_result_t* result,
                                size_t* len) noexcept {
  if (len != nullptr) *len = result->rep.info.size();
  return result->rep.info.c_str();
}

}  // extern "C"
