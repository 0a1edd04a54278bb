#include "lib/sql/lexer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"

namespace tessera::sql {
namespace {

// The lexer dispatches on a 256-entry character class table: one switch per
// token class, and one table load per byte in the scanning loops.
enum Cc : uint8_t {
  kCcBad,     // no token starts here
  kCcSpace,   // ' ' \t \n \r \f \v
  kCcWord,    // letters, '_', '$', bytes >= 0x80 (except the prefixes below)
  kCcPrefix,  // x X b B n N: a word, or X'..' B'..' N'..'
  kCcDigit,
  kCcQuote,     // '
  kCcDQuote,    // "
  kCcBacktick,  // `
  kCcSingle,    // a one-byte token: ( ) , ; + % = ~ ^ { } ?
  kCcMinus,     // - -- -> ->>
  kCcSlash,     // / /*
  kCcStar,      // * and */ closing a version comment
  kCcHash,      // # comment
  kCcLt,        // < <= <=> <> <<
  kCcGt,        // > >= >>
  kCcBang,      // ! !=
  kCcAmp,       // & &&
  kCcPipe,      // | ||
  kCcDot,       // . or .5
  kCcColon,     // := :name ::name
  kCcAt,        // @var @@var
};

struct ClassTable {
  Cc cls[256];
  Tok single[256];  // the token of a kCcSingle byte
  // For identifier bytes the byte | 0x20 (never 0, the keyword hash input);
  // 0 for the rest.
  uint8_t word[256];
  constexpr ClassTable() : cls(), single(), word() {
    for (int c = 0; c < 256; ++c) {
      Cc k = kCcBad;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
          c == '$' || c >= 0x80) {
        k = kCcWord;
      }
      if (c == 'x' || c == 'X' || c == 'b' || c == 'B' || c == 'n' || c == 'N')
        k = kCcPrefix;
      if (c >= '0' && c <= '9') k = kCcDigit;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
          c == '\v')
        k = kCcSpace;
      cls[c] = k;
      single[c] = Tok::kEnd;
      word[c] = k == kCcWord || k == kCcPrefix || k == kCcDigit
                    ? static_cast<uint8_t>(c | 0x20)
                    : 0;
    }
    const struct {
      char c;
      Tok t;
    } singles[] = {
        {'(', Tok::kLParen},    {')', Tok::kRParen}, {',', Tok::kComma},
        {';', Tok::kSemicolon}, {'+', Tok::kPlus},   {'%', Tok::kPercent},
        {'=', Tok::kEq},        {'~', Tok::kTilde},  {'^', Tok::kCaret},
        {'{', Tok::kLBrace},    {'}', Tok::kRBrace}, {'?', Tok::kParam}};
    for (const auto& s : singles) {
      cls[static_cast<unsigned char>(s.c)] = kCcSingle;
      single[static_cast<unsigned char>(s.c)] = s.t;
    }
    cls['\''] = kCcQuote;
    cls['"'] = kCcDQuote;
    cls['`'] = kCcBacktick;
    cls['-'] = kCcMinus;
    cls['/'] = kCcSlash;
    cls['*'] = kCcStar;
    cls['#'] = kCcHash;
    cls['<'] = kCcLt;
    cls['>'] = kCcGt;
    cls['!'] = kCcBang;
    cls['&'] = kCcAmp;
    cls['|'] = kCcPipe;
    cls['.'] = kCcDot;
    cls[':'] = kCcColon;
    cls['@'] = kCcAt;
  }
};
constexpr ClassTable kClasses;

inline Cc ClassOfByte(char c) {
  return kClasses.cls[static_cast<unsigned char>(c)];
}
inline bool IsDigit(unsigned char c) {
  return static_cast<unsigned>(c - '0') < 10u;
}
inline bool IsHex(unsigned char c) {
  return IsDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}
inline bool IsSpace(unsigned char c) { return kClasses.cls[c] == kCcSpace; }

// With kTerminated the byte at the end of the input is readable and '\0'
// (which ends every scanning loop), so the hot loops skip the bounds checks.
template <bool kTerminated>
class Lexer {
 public:
  Lexer(absl::string_view in, const LexOptions& opt, LexResult* out)
      : s_(in.data()),
        n_(in.size()),
        end_(in.data() + in.size()),
        opt_(opt),
        out_(out) {}

  absl::Status Run();

 private:
  // The scanning functions take the position of the token's first byte and
  // return the position after it, or nullptr after recording the error
  // position (a pointer is cheaper than an absl::Status per token).
  const char* Error(const char* at) {
    error_pos_ = static_cast<size_t>(at - s_);
    return nullptr;
  }
  char At(const char* p) const { return p < end_ ? *p : '\0'; }

  // Within the input (always true when terminated: the loops stop at '\0').
  bool In(const char* p) const { return kTerminated || p < end_; }

  // Appends a token to a buffer on the stack, copied to the output vector
  // when full and at the end (cheaper than growing or presizing a vector).
  void Emit(Tok kind, const char* start, const char* stop,
            Keyword kw = KW_NONE) {
    if (o_ == buf_ + kChunk) Flush();
    *o_++ = Token{kind, kw, static_cast<uint32_t>(start - s_),
                  static_cast<uint32_t>(stop - start)};
  }
  void Flush() {
    out_->tokens.insert(out_->tokens.end(), buf_, o_);
    o_ = buf_;
  }
  size_t Count() const {
    return out_->tokens.size() + static_cast<size_t>(o_ - buf_);
  }
  const Token* Last() const {
    if (o_ != buf_) return o_ - 1;
    return out_->tokens.empty() ? nullptr : &out_->tokens.back();
  }

  inline const char* Token1(const char* p) __attribute__((always_inline));
  const char* Comment(const char* p);
  const char* Quoted(const char* p, char q, Tok kind, const char* start,
                     bool emit = true);
  inline const char* Word(const char* start) __attribute__((always_inline));
  const char* Number(const char* start);
  const char* PrefixedString(const char* start, Tok kind, bool hex);
  const char* Variable(const char* start);
  const char* Colon(const char* start);
  // After an identifier directly followed by this byte.
  bool AfterIdent(const char* p) const {
    const Token* t = Last();
    return t != nullptr &&
           (t->kind == Tok::kIdent || t->kind == Tok::kQuotedIdent) &&
           s_ + t->pos + t->len == p;
  }

  const char* s_;
  size_t n_;
  const char* end_;
  const LexOptions& opt_;
  LexResult* out_;
  static constexpr size_t kChunk = 256;
  Token* o_ = buf_;
  Token buf_[kChunk];
  int in_version_comment_ = 0;
  size_t error_pos_ = 0;
};

template <bool kTerminated>
absl::Status Lexer<kTerminated>::Run() {
  out_->hints.clear();
  out_->tokens.clear();
  const char* p = s_;
  while (true) {
    while (In(p) && IsSpace(static_cast<unsigned char>(*p))) ++p;
    if (!kTerminated && p >= end_) break;
    p = Token1(p);
    if (p == nullptr || p == end_ + 1) break;
  }
  if (p == nullptr) {
    out_->tokens.clear();
    return SyntaxErrorAt(absl::string_view(s_, n_), error_pos_);
  }
  Emit(Tok::kEnd, end_, end_);
  Flush();
  return absl::OkStatus();
}

template <bool kTerminated>
const char* Lexer<kTerminated>::Token1(const char* p) {
  const char* start = p;
  switch (ClassOfByte(*p)) {
    case kCcWord:
      return Word(p);
    case kCcPrefix:
      if (At(p + 1) == '\'') {  // X'..', B'..', N'..'
        char c = *p | 0x20;
        if (c == 'x') return PrefixedString(p, Tok::kHexString, true);
        if (c == 'b') return PrefixedString(p, Tok::kBitString, false);
        return Quoted(p + 1, '\'', Tok::kNString, start);
      }
      return Word(p);
    case kCcDigit:
      return Number(p);
    case kCcSingle:
      Emit(kClasses.single[static_cast<unsigned char>(*p)], p, p + 1);
      return p + 1;
    case kCcQuote:
      return Quoted(p, '\'', Tok::kString, start);
    case kCcDQuote:
      return Quoted(p, '"', opt_.ansi_quotes ? Tok::kQuotedIdent : Tok::kString,
                    start);
    case kCcBacktick:
      return Quoted(p, '`', Tok::kQuotedIdent, start);
    case kCcMinus:
      if (At(p + 1) == '-') {
        unsigned char c2 = static_cast<unsigned char>(At(p + 2));
        if (p + 2 >= end_ || IsSpace(c2) || c2 < 32) {
          while (p < end_ && *p != '\n') ++p;  // -- comment
          return p;
        }
      }
      if (At(p + 1) == '>') {
        if (At(p + 2) == '>') {
          Emit(Tok::kArrow2, p, p + 3);
          return p + 3;
        }
        Emit(Tok::kArrow, p, p + 2);
        return p + 2;
      }
      Emit(Tok::kMinus, p, p + 1);
      return p + 1;
    case kCcHash:
      while (p < end_ && *p != '\n') ++p;
      return p;
    case kCcSlash:
      if (At(p + 1) == '*') return Comment(p);
      Emit(Tok::kSlash, p, p + 1);
      return p + 1;
    case kCcStar:
      if (At(p + 1) == '/' && in_version_comment_ > 0) {
        --in_version_comment_;
        return p + 2;
      }
      Emit(Tok::kStar, p, p + 1);
      return p + 1;
    case kCcLt:
      if (At(p + 1) == '=') {
        if (At(p + 2) == '>') {
          Emit(Tok::kNullSafeEq, p, p + 3);
          return p + 3;
        }
        Emit(Tok::kLe, p, p + 2);
        return p + 2;
      }
      if (At(p + 1) == '>') {
        Emit(Tok::kNe, p, p + 2);
        return p + 2;
      }
      if (At(p + 1) == '<') {
        Emit(Tok::kShl, p, p + 2);
        return p + 2;
      }
      Emit(Tok::kLt, p, p + 1);
      return p + 1;
    case kCcGt:
      if (At(p + 1) == '=' || At(p + 1) == '>') {
        Emit(At(p + 1) == '=' ? Tok::kGe : Tok::kShr, p, p + 2);
        return p + 2;
      }
      Emit(Tok::kGt, p, p + 1);
      return p + 1;
    case kCcBang:
      if (At(p + 1) == '=') {
        Emit(Tok::kNe, p, p + 2);
        return p + 2;
      }
      Emit(Tok::kBang, p, p + 1);
      return p + 1;
    case kCcAmp:
      if (At(p + 1) == '&') {
        Emit(Tok::kAndAnd, p, p + 2);
        return p + 2;
      }
      Emit(Tok::kAmp, p, p + 1);
      return p + 1;
    case kCcPipe:
      if (At(p + 1) == '|') {
        Emit(Tok::kOrOr, p, p + 2);
        return p + 2;
      }
      Emit(Tok::kPipe, p, p + 1);
      return p + 1;
    case kCcDot:
      if (IsDigit(At(p + 1)) && !AfterIdent(p)) return Number(p);
      Emit(Tok::kDot, p, p + 1);
      return p + 1;
    case kCcColon:
      return Colon(p);
    case kCcAt:
      return Variable(p);
    case kCcBad:
      if (*p == '\\' && At(p + 1) == 'N') {  // \N is NULL, as in MySQL
        Emit(Tok::kIdent, p, p + 2, KW_NULL);
        return p + 2;
      }
      // With kTerminated, the '\0' at the end: Run() stops at end_ + 1.
      if (kTerminated && p == end_) return end_ + 1;
      break;
    case kCcSpace:  // not reached: Run() skips spaces
      break;
  }
  return Error(p);
}

template <bool kTerminated>
const char* Lexer<kTerminated>::Comment(const char* start) {
  // start is at "/*".
  const char* p = start + 2;
  bool maria = At(p) == 'M' && At(p + 1) == '!';
  if (At(p) == '!' || maria) {
    p += maria ? 2 : 1;
    const char* d = p;
    while (d < end_ && IsDigit(*d) && d - p < 6) ++d;
    uint32_t version = 0;
    if (d - p >= 5) {
      for (const char* k = p; k < d; ++k) version = version * 10 + (*k - '0');
      p = d;
    }
    // MariaDB (server_version >= 100000) skips MySQL 5.7+ comments
    // (/*!50700 .. /*!99999) unless written /*M!; MySQL skips /*M! ones.
    bool mariadb = opt_.server_version >= 100000;
    bool mysql_only = !maria && version >= 50700 && version < 100000;
    if (version <= opt_.server_version && (mariadb ? !mysql_only : !maria)) {
      ++in_version_comment_;
      return p;  // the comment's text is lexed as ordinary text
    }
  }
  bool hint = At(start + 2) == '+';
  const char* e = start + 2;
  while (e + 1 < end_ && !(e[0] == '*' && e[1] == '/')) ++e;
  if (e + 1 >= end_) return Error(start);
  const char* after = e + 2;
  const Token* last = Last();
  if (hint && last != nullptr) {
    Keyword kw = last->kw;
    if (kw == KW_SELECT || kw == KW_INSERT || kw == KW_REPLACE ||
        kw == KW_UPDATE || kw == KW_DELETE) {
      out_->hints.push_back(HintComment{
          static_cast<uint32_t>(Count() - 1),
          absl::string_view(start, static_cast<size_t>(after - start))});
    }
  }
  return after;
}

template <bool kTerminated>
const char* Lexer<kTerminated>::Quoted(const char* p, char q, Tok kind,
                                       const char* start, bool emit) {
  // p is at the opening quote.
  bool backslash = q != '`' && !opt_.no_backslash_escapes;
  ++p;
  while (p < end_) {
    char c = *p;
    if (c == q) {
      if (p + 1 < end_ && p[1] == q) {
        p += 2;
        continue;
      }
      ++p;
      if (emit) Emit(kind, start, p);
      return p;
    }
    p += (c == '\\' && backslash) ? 2 : 1;
  }
  return Error(start);
}

template <bool kTerminated>
const char* Lexer<kTerminated>::Word(const char* start) {
  // The keyword hash is computed while scanning (no second pass).
  // (KeywordHashStep with the folding done by the table.)
  const char* p = start;
  uint32_t h = 0;
  while (In(p)) {
    uint32_t f = kClasses.word[static_cast<unsigned char>(*p)];
    if (f == 0) break;
    h = h * 31u + f;
    ++p;
  }
  size_t len = static_cast<size_t>(p - start);
  Keyword kw = len <= kMaxKeywordLength
                   ? internal::FindKeyword(start, len, h, end_)
                   : KW_NONE;
  // A keyword directly after '.' is a plain identifier (t.order).
  if (kw != KW_NONE) {
    const Token* last = Last();
    if (last != nullptr && last->kind == Tok::kDot) kw = KW_NONE;
  }
  Emit(Tok::kIdent, start, p, kw);
  return p;
}

template <bool kTerminated>
const char* Lexer<kTerminated>::PrefixedString(const char* start, Tok kind,
                                               bool hex) {
  const char* p = start + 2;
  while (p < end_ && *p != '\'') {
    unsigned char ch = static_cast<unsigned char>(*p);
    if (hex ? !IsHex(ch) : (ch != '0' && ch != '1')) return Error(start);
    ++p;
  }
  if (p >= end_) return Error(start);
  ++p;
  Emit(kind, start, p);
  return p;
}

template <bool kTerminated>
const char* Lexer<kTerminated>::Colon(const char* start) {
  const char* p = start;
  if (At(p + 1) == '=') {
    Emit(Tok::kAssign, p, p + 2);
    return p + 2;
  }
  if (At(p + 1) == ':' && IsIdentChar(At(p + 2))) {
    p += 2;  // ::name, a list bind variable
  } else if (IsIdentChar(At(p + 1))) {
    p += 1;
  } else {
    Emit(Tok::kColon, p, p + 1);
    return p + 1;
  }
  while (p < end_ && IsIdentChar(*p)) ++p;
  Emit(Tok::kNamedParam, start, p);
  return p;
}

template <bool kTerminated>
const char* Lexer<kTerminated>::Variable(const char* start) {
  const char* p = start + 1;
  bool sys = At(p) == '@';
  if (sys) ++p;
  char q = At(p);
  if (!sys && (q == '\'' || q == '"' || q == '`')) {
    return Quoted(p, q, Tok::kUserVar, start);
  }
  if (sys && q == '`') {
    // The whole variable is emitted below.
    p = Quoted(p, '`', Tok::kSysVar, start, /*emit=*/false);
    if (p == nullptr) return nullptr;
  } else {
    while (p < end_ && IsIdentChar(*p)) ++p;
  }
  // @@global.name and @@session.name lex as one token; so does @a.b.
  while (At(p) == '.' && IsIdentChar(At(p + 1))) {
    ++p;
    while (p < end_ && IsIdentChar(*p)) ++p;
  }
  if (p == start + (sys ? 2 : 1)) return Error(start);
  Emit(sys ? Tok::kSysVar : Tok::kUserVar, start, p);
  return p;
}

template <bool kTerminated>
const char* Lexer<kTerminated>::Number(const char* start) {
  const char* p = start;
  if (*p == '0' && (At(p + 1) == 'x' || At(p + 1) == 'b')) {
    bool hex = At(p + 1) == 'x';
    const char* d = p + 2;
    while (d < end_ && (hex ? IsHex(*d) : (*d == '0' || *d == '1'))) ++d;
    if (d > p + 2 && (d >= end_ || !IsIdentChar(*d))) {
      Emit(hex ? Tok::kHexNum : Tok::kBitNum, start, d);
      return d;
    }
    return Word(start);
  }
  if (AfterIdent(p)) return Word(start);
  Tok kind = Tok::kInt;
  while (p < end_ && IsDigit(*p)) ++p;
  if (At(p) == '.') {
    kind = Tok::kDecimal;
    ++p;
    while (p < end_ && IsDigit(*p)) ++p;
  }
  if (At(p) == 'e' || At(p) == 'E') {
    const char* e = p + 1;
    if (At(e) == '+' || At(e) == '-') ++e;
    if (IsDigit(At(e))) {
      while (e < end_ && IsDigit(*e)) ++e;
      p = e;
      kind = Tok::kFloat;
    }
  }
  if (kind == Tok::kInt && p < end_ && IsIdentChar(*p)) {
    return Word(start);  // 1abc is an identifier
  }
  Emit(kind, start, p);
  return p;
}

}  // namespace

absl::Status Lex(absl::string_view input, const LexOptions& options,
                 LexResult* out) {
  return Lexer<false>(input, options, out).Run();
}

absl::Status LexTerminated(absl::string_view input, const LexOptions& options,
                           LexResult* out) {
  return Lexer<true>(input, options, out).Run();
}

absl::Status SyntaxErrorAt(absl::string_view input, size_t pos) {
  pos = std::min(pos, input.size());
  int line = 1 + static_cast<int>(
                     std::count(input.begin(), input.begin() + pos, '\n'));
  absl::string_view near = input.substr(pos, 80);
  return ParseError(absl::StrCat(
      "You have an error in your SQL syntax; check the manual that "
      "corresponds to your MySQL server version for the right syntax to use "
      "near '",
      near, "' at line ", line));
}

}  // namespace tessera::sql
