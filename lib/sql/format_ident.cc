// The Formatter's output buffer, and identifiers: backquoted only when they
// need to be.
//
// Every name of a statement goes through here, so the common case (an
// unquoted or needlessly backquoted name made of identifier characters that
// is no reserved word) is a scan of its bytes and one keyword probe, without
// copying it (see Formatter::PlainIdent).
#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/sql/formatter_internal.h"
#include "lib/sql/keywords.h"
#include "lib/sql/lexer.h"
#include "lib/sql/normalize.h"

namespace tessera::sql {
namespace {

// The identifier's name with its quoting undone: a string alias ('..' or
// "..") is decoded as the string literal it is (DecodeString: `\%` and `\_`
// keep their backslash, as in MySQL); a backquoted name undoubles its quotes.
std::string Unquote(const sql::Ident& id) {
  if (id.quote == '\'' || id.quote == '"') {
    std::string quoted(1, id.quote);
    absl::StrAppend(&quoted, id.raw, absl::string_view(&id.quote, 1));
    return DecodeString(quoted);
  }
  std::string s;
  s.reserve(id.raw.size());
  for (size_t i = 0; i < id.raw.size(); ++i) {
    s.push_back(id.raw[i]);
    if (id.quote != 0 && id.raw[i] == id.quote && i + 1 < id.raw.size() &&
        id.raw[i + 1] == id.quote) {
      ++i;
    }
  }
  return s;
}

// Whether `name` can be written without quotes: not empty, no leading
// digit, identifier characters only.
inline bool PlainChars(absl::string_view name) {
  if (name.empty()) return false;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(name.data());
  if (*p >= '0' && *p <= '9') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsIdentChar(p[i])) return false;
  }
  return true;
}

// The keyword spelled by `n` identifier characters at `s`, copied into a
// zero-padded buffer for the 8-byte loads of the lookup. Each 8-byte word of
// the copy is assembled in a register and stored once, so the lookup's
// aligned loads are forwarded from single stores (a word written byte by
// byte, as LookupKeyword does, stalls each load until the stores retire:
// that made formatting 25 % slower). The keyword table folds identifier
// characters exactly (`| 0x20` maps no identifier byte that is not a letter
// onto a letter), so no further check is needed.
Keyword KeywordOfCopy(const char* s, size_t n) {
  if (n > kMaxKeywordLength || n == 1) return KW_NONE;
  uint64_t buf[(kMaxKeywordLength + 16) / 8] = {};
  for (size_t k = 0; 8 * k < n; ++k) {
    size_t len = std::min<size_t>(8, n - 8 * k);
    uint64_t w = 0;
    for (size_t i = 0; i < len; ++i) {
      w |= uint64_t{static_cast<unsigned char>(s[8 * k + i])} << (8 * i);
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    buf[k] = w;
  }
  return internal::FindKeywordPadded(reinterpret_cast<const char*>(buf), n);
}

bool NeedsQuotes(absl::string_view name) {
  if (!PlainChars(name)) return true;
  return NeedsQuoting(KeywordOfCopy(name.data(), name.size()));
}

}  // namespace

void AppendIdent(absl::string_view name, std::string* out) {
  if (!NeedsQuotes(name)) {
    out->append(name.data(), name.size());
    return;
  }
  out->push_back('`');
  for (char c : name) {
    if (c == '`') out->push_back('`');
    out->push_back(c);
  }
  out->push_back('`');
}

Formatter::Formatter(absl::string_view sql, const FormatOptions& options,
                     std::string* out, bool padded)
    : sql_(sql), opt_(options), dest_(*out), padded_(padded) {
  // Canonical text is rarely much longer than the input.
  size_t used = dest_.size();
  dest_.resize(used + sql.size() + 64);
  cur_ = dest_.data() + used;
  end_ = dest_.data() + dest_.size();
}

void Formatter::Grow(size_t n) {
  size_t used = Mark();
  dest_.resize(std::max(dest_.size() * 2, used + n + 64));
  cur_ = dest_.data() + used;
  end_ = dest_.data() + dest_.size();
}

void Formatter::InsertAt(size_t at, char c) {
  PutChar(c);  // room for one more byte
  char* p = dest_.data() + at;
  std::memmove(p + 1, p, static_cast<size_t>(cur_ - p - 1));
  *p = c;
}

void Formatter::PutLower(absl::string_view s) {
  if (s.size() > static_cast<size_t>(end_ - cur_)) Grow(s.size());
  for (char c : s) *cur_++ = absl::ascii_tolower(static_cast<unsigned char>(c));
}

void Formatter::Quoted(absl::string_view name) {
  PutChar('`');
  for (char c : name) {
    if (c == '`') PutChar('`');
    PutChar(c);
  }
  PutChar('`');
}

void Formatter::IdentName(absl::string_view name) {
  if (NeedsQuotes(name)) {
    Quoted(name);
  } else {
    Put(name);
  }
}

bool Formatter::FastIdent(absl::string_view name) {
  const char* s = name.data();
  size_t n = name.size();
  if (!padded_ || n - 1 > 15 || end_ - cur_ < 16 || s < sql_.data() ||
      s + n > sql_.data() + sql_.size() || !PlainChars(name)) {
    return false;
  }
  if (n > 1 && NeedsQuoting(internal::FindKeywordPadded(s, n))) return false;
  std::memcpy(cur_, s, 16);  // the padding makes 16 bytes readable
  cur_ += n;
  return true;
}

void Formatter::SlowIdent(const sql::Ident& id) {
  if ((id.quote == 0 || id.quote == '`') && PlainIdent(id.raw)) return;
  QuotedIdent(id);
}

bool Formatter::PlainIdent(absl::string_view name) {
  if (!PlainChars(name)) return false;
  const char* s = name.data();
  size_t n = name.size();
  // In the parser's padded copy of the statement (where names normally
  // point), the lookup and the copy may read 16 bytes past the name.
  if (padded_ && s >= sql_.data() && s + n <= sql_.data() + sql_.size()) {
    Keyword kw = n - 2 <= kMaxKeywordLength - 2
                     ? internal::FindKeywordPadded(s, n)
                     : KW_NONE;
    if (NeedsQuoting(kw)) return false;
    if (n <= 16 && end_ - cur_ >= 16) {
      std::memcpy(cur_, s, 16);
      cur_ += n;
      return true;
    }
  } else if (NeedsQuoting(KeywordOfCopy(s, n))) {
    return false;
  }
  Put(name);
  return true;
}

void Formatter::QuotedIdent(const sql::Ident& id) {
  switch (id.quote) {
    case 0:
      Quoted(id.raw);  // PlainIdent said it needs quotes
      return;
    case '!':
      PutLower(id.raw);
      return;
    default:
      IdentName(Unquote(id));
  }
}

void Formatter::Name(const TableName& n) {
  if (!n.db.empty()) {
    Ident(n.db);
    PutChar('.');
  }
  Ident(n.name);
}

void Formatter::Idents(const List<sql::Ident>& ids) {
  PutChar('(');
  for (uint32_t i = 0; i < ids.size; ++i) {
    if (i > 0) Put(", ");
    Ident(ids[i]);
  }
  PutChar(')');
}

}  // namespace tessera::sql
