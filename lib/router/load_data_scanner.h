// Splits a LOAD DATA file into records the way MariaDB reads it
// (sql_load.cc READ_INFO), so the router can route each record to its
// shard by one field's value and send every shard the record bytes
// unchanged: MariaDB then does its own conversions and warnings.
//
// Rules followed: IGNORE n LINES skips n lines (escapes respected,
// enclosures not); a record starts after LINES STARTING BY (anything
// before it is skipped, across lines); fields end at FIELDS TERMINATED BY,
// records at LINES TERMINATED BY (the line terminator is looked for first);
// a field that starts with the ENCLOSED BY character ends at that
// character followed by a terminator or the end of the file (doubled, it
// stands for itself); ESCAPED BY + c is the unescaped c (\n \t \r \b \0 \Z
// are control characters, \N alone is NULL; with ESCAPED BY equal to
// ENCLOSED BY only the doubled character is an escape); an unenclosed
// NULL is NULL when ENCLOSED BY is set; once a record's fields are read,
// the rest of its line is skipped as IGNORE does.
//
// Bytes are compared as bytes: right for ASCII-compatible, self-
// synchronising character sets (utf8mb4, latin1, binary...). Callers
// refuse the others.
#ifndef TESSERA_LIB_ROUTER_LOAD_DATA_SCANNER_H_
#define TESSERA_LIB_ROUTER_LOAD_DATA_SCANNER_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/sql/ast_ddl.h"

namespace tessera::router {

struct LoadDataFormat {
  std::string field_term = "\t";
  std::string enclosed;        // "" or one character
  std::string escaped = "\\";  // "" or one character
  std::string line_start;
  std::string line_term = "\n";
  uint64_t ignore_lines = 0;
};

// The format a LOAD DATA statement gives (MariaDB's defaults for what it
// omits). Errors: 1083 (42000) for ENCLOSED/ESCAPED BY longer than one
// character; 1235 for empty field or line terminators (fixed-width rows)
// and IGNORE counts that do not fit.
absl::StatusOr<LoadDataFormat> FormatOfLoadData(const sql::LoadDataStmt& s);

struct LoadDataRecord {
  // The record's bytes from the end of the previous record (or of the
  // ignored lines) through its line terminator: what a shard must get.
  absl::string_view raw;
  uint64_t number = 0;     // 1-based, in the file
  size_t fields_read = 0;  // fields the server will read (<= field count)
  // The value of the field at the key index, if read.
  bool key_present = false;
  bool key_null = false;
  std::string key;
};

class LoadDataScanner {
 public:
  // `field_count`: the fields the server reads per record (the column
  // list's length); `key_index` < field_count: the field to extract.
  LoadDataScanner(const LoadDataFormat& format, absl::string_view data,
                  size_t field_count, size_t key_index);

  // The ignored lines' bytes (every shard gets them, the statement keeps
  // its IGNORE clause).
  absl::string_view header();
  // The next record, or false at the end of the data.
  bool Next(LoadDataRecord* record);

 private:
  bool At(size_t p, const std::string& term) const;
  void SkipLine();
  // Reads one field from pos_; returns true when the record ended (line
  // terminator or end of data) with it.
  bool ReadField(std::string* value, bool* is_null);
  char Unescape(char c, bool* found_null) const;

  const LoadDataFormat& f_;
  absl::string_view data_;
  size_t field_count_;
  size_t key_index_;
  int enc_;  // -1: none
  int esc_;  // -1: none
  size_t pos_ = 0;
  bool started_ = false;
  size_t header_end_ = 0;
  uint64_t number_ = 0;
};

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_LOAD_DATA_SCANNER_H_
