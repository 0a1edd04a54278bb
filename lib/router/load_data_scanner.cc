#include "lib/router/load_data_scanner.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/sql/normalize.h"

namespace tessera::router {
namespace {

constexpr uint16_t kWrongFieldTerminators = 1083;  // 42000

// The value of a string literal ('a' 'b' concatenates).
std::string LiteralText(const sql::Literal* lit) {
  std::string out = sql::DecodeString(lit->text);
  for (absl::string_view more : lit->more) {
    out += sql::DecodeString(more);
  }
  return out;
}

}  // namespace

absl::StatusOr<LoadDataFormat> FormatOfLoadData(const sql::LoadDataStmt& s) {
  LoadDataFormat f;
  if (s.fields_terminated != nullptr) {
    f.field_term = LiteralText(s.fields_terminated);
  }
  if (s.enclosed != nullptr) f.enclosed = LiteralText(s.enclosed);
  if (s.escaped != nullptr) f.escaped = LiteralText(s.escaped);
  if (s.lines_starting != nullptr) f.line_start = LiteralText(s.lines_starting);
  if (s.lines_terminated != nullptr) {
    f.line_term = LiteralText(s.lines_terminated);
  }
  if (f.enclosed.size() > 1 || f.escaped.size() > 1) {
    return MysqlError(kWrongFieldTerminators, "42000",
                      "Field separator argument is not what is expected; "
                      "check the manual");
  }
  if (f.field_term.empty() || f.line_term.empty()) {
    return UnsupportedError(
        "unsupported: LOAD DATA with an empty FIELDS or LINES TERMINATED BY "
        "(fixed-width rows) through the router");
  }
  if (!s.ignore_count.empty() &&
      !absl::SimpleAtoi(s.ignore_count, &f.ignore_lines)) {
    return UnsupportedError(absl::StrCat("unsupported: LOAD DATA IGNORE ",
                                         s.ignore_count, " LINES"));
  }
  return f;
}

LoadDataScanner::LoadDataScanner(const LoadDataFormat& format,
                                 absl::string_view data, size_t field_count,
                                 size_t key_index)
    : f_(format),
      data_(data),
      field_count_(field_count),
      key_index_(key_index),
      enc_(format.enclosed.empty()
               ? -1
               : static_cast<unsigned char>(format.enclosed[0])),
      esc_(format.escaped.empty()
               ? -1
               : static_cast<unsigned char>(format.escaped[0])) {}

bool LoadDataScanner::At(size_t p, const std::string& term) const {
  return !term.empty() && p < data_.size() &&
         data_.substr(p, term.size()) == term;
}

char LoadDataScanner::Unescape(char c, bool* found_null) const {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'b':
      return '\b';
    case '0':
      return '\0';
    case 'Z':
      return '\032';
    case 'N':
      *found_null = true;
      return c;
    default:
      return c;
  }
}

// MariaDB's next_line(): up to and through the next line terminator; an
// escape character hides the byte after it.
void LoadDataScanner::SkipLine() {
  while (pos_ < data_.size()) {
    const unsigned char c = static_cast<unsigned char>(data_[pos_]);
    if (esc_ >= 0 && c == esc_) {
      pos_ = std::min(pos_ + 2, data_.size());
      continue;
    }
    if (At(pos_, f_.line_term)) {
      pos_ += f_.line_term.size();
      return;
    }
    ++pos_;
  }
}

absl::string_view LoadDataScanner::header() {
  if (!started_) {
    started_ = true;
    for (uint64_t i = 0; i < f_.ignore_lines && pos_ < data_.size(); ++i) {
      SkipLine();
    }
    header_end_ = pos_;
  }
  return data_.substr(0, header_end_);
}

bool LoadDataScanner::ReadField(std::string* value, bool* is_null) {
  value->clear();
  bool found_null = false;
  const size_t n = data_.size();
  const bool enclosed =
      enc_ >= 0 && pos_ < n && static_cast<unsigned char>(data_[pos_]) == enc_;
  if (enclosed) ++pos_;
  bool ended = false;
  while (true) {
    if (pos_ >= n) {
      ended = true;
      break;
    }
    unsigned char c = static_cast<unsigned char>(data_[pos_]);
    if (esc_ >= 0 && c == esc_) {
      if (pos_ + 1 >= n) {
        value->push_back(static_cast<char>(c));
        pos_ = n;
        ended = true;
        break;
      }
      const char next = data_[pos_ + 1];
      if (esc_ != enc_ || static_cast<unsigned char>(next) == esc_) {
        value->push_back(Unescape(next, &found_null));
        pos_ += 2;
        continue;
      }
      // ESCAPED BY = ENCLOSED BY and not doubled: an enclosing character.
    }
    if (!enclosed && At(pos_, f_.line_term)) {
      pos_ += f_.line_term.size();
      ended = true;
      break;
    }
    if (enclosed && c == enc_) {
      const size_t q = pos_ + 1;
      if (q < n && static_cast<unsigned char>(data_[q]) == enc_) {
        value->push_back(static_cast<char>(c));  // doubled
        pos_ = q + 1;
        continue;
      }
      if (q >= n) {
        pos_ = q;
        ended = true;
        break;
      }
      if (At(q, f_.line_term)) {
        pos_ = q + f_.line_term.size();
        ended = true;
        break;
      }
      if (At(q, f_.field_term)) {
        pos_ = q + f_.field_term.size();
        break;
      }
      value->push_back(static_cast<char>(c));  // not a closing one
      pos_ = q;
      continue;
    }
    if (!enclosed && At(pos_, f_.field_term)) {
      pos_ += f_.field_term.size();
      break;
    }
    value->push_back(static_cast<char>(c));
    ++pos_;
  }
  *is_null = (!enclosed && enc_ >= 0 && *value == "NULL") ||
             (value->size() == 1 && found_null);
  return ended;
}

bool LoadDataScanner::Next(LoadDataRecord* r) {
  header();
  const size_t start = pos_;
  if (!f_.line_start.empty()) {
    const size_t found = data_.find(f_.line_start, pos_);
    if (found == absl::string_view::npos) {
      pos_ = data_.size();
      return false;
    }
    pos_ = found + f_.line_start.size();
  }
  if (pos_ >= data_.size()) {
    pos_ = data_.size();
    return false;
  }
  r->number = ++number_;
  r->fields_read = 0;
  r->key_present = false;
  r->key_null = false;
  r->key.clear();
  bool line_ended = false;
  std::string value;
  for (size_t i = 0; i < field_count_ && !line_ended; ++i) {
    if (i > 0 && pos_ >= data_.size()) {
      line_ended = true;  // the data ends after a field terminator
      break;
    }
    bool is_null = false;
    line_ended = ReadField(&value, &is_null);
    ++r->fields_read;
    if (i == key_index_) {
      r->key_present = true;
      r->key_null = is_null;
      r->key = value;
    }
  }
  if (!line_ended) SkipLine();
  r->raw = data_.substr(start, pos_ - start);
  return true;
}

}  // namespace tessera::router
