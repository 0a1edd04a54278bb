#include "lib/sql/lexer.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>

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
inline bool IsWordByte(char c) {
  return kClasses.word[static_cast<unsigned char>(c)] != 0;
}

// Writes a token: on little-endian machines with one 8-byte and one 4-byte
// store.
inline void PutToken(Token* o, Tok kind, Keyword kw, uint32_t pos,
                     uint32_t len) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  static_assert(sizeof(Token) == 12 && offsetof(Token, kind) == 0 &&
                offsetof(Token, kw) == 2 && offsetof(Token, pos) == 4 &&
                offsetof(Token, len) == 8);
  uint64_t lo = static_cast<uint64_t>(kind) |
                (static_cast<uint64_t>(kw) << 16) |
                (static_cast<uint64_t>(pos) << 32);
  std::memcpy(o, &lo, 8);
  std::memcpy(reinterpret_cast<char*>(o) + 8, &len, 4);
#else
  *o = Token{kind, kw, pos, len};
#endif
}

// The input is followed by internal::kLexPadding readable '\0' bytes: the
// scanning loops stop at the first '\0' (a NUL inside the input is checked
// against the end where it matters), and 8-byte loads for the keyword lookup
// never read past the padding.
//
// Run() lexes spaces, words, one-byte tokens and dots itself, with the input
// and output pointers in registers; the rest goes to Token1(), which writes
// a token at *o (or, for a comment, none: o->kind == kEnd) and returns the
// position after it, nullptr after recording the error position. The
// scanners behind it return the end of their token.
class Lexer {
 public:
  Lexer(const char* s, size_t n, const LexOptions& opt, Token* out,
        std::vector<HintComment>* hints)
      : s_(s), end_(s + n), opt_(opt), out_(out), hints_(hints) {}

  // The number of tokens (the last one kEnd), or 0 after an error.
  size_t Run();
  size_t error_pos() const { return error_pos_; }

 private:
  const char* Error(const char* at) {
    error_pos_ = static_cast<size_t>(at - s_);
    return nullptr;
  }
  // Writes a token at *o; returns the position after it.
  const char* Put(Token* o, Tok kind, const char* start, const char* stop) {
    PutToken(o, kind, KW_NONE, static_cast<uint32_t>(start - s_),
             static_cast<uint32_t>(stop - start));
    return stop;
  }
  const char* Token1(const char* p, Token* o);
  const char* Word(const char* start, Token* o);
  const char* Operator(const char* p, Token* o);
  const char* Comment(const char* p, const Token* o);
  const char* Quoted(const char* p, char q) const;
  const char* QuotedToken(const char* p, char q, Tok kind, const char* start,
                          Token* o);
  const char* Number(const char* start, const Token* o, Tok* kind) const;
  const char* PrefixedString(const char* start, bool hex);
  const char* Variable(const char* start, Tok* kind);
  const char* Colon(const char* start);
  // After an identifier directly followed by this byte.
  bool AfterIdent(const char* p, const Token* o) const {
    const Token& t = o[-1];  // the sentinel before the first token is kEnd
    return (t.kind == Tok::kIdent || t.kind == Tok::kQuotedIdent) &&
           s_ + t.pos + t.len == p;
  }

  const char* s_;
  const char* end_;
  const LexOptions& opt_;
  Token* out_;
  std::vector<HintComment>* hints_;
  int in_version_comment_ = 0;
  size_t error_pos_ = 0;
};

// A word at `start`: its end, with the token written at *o (a keyword
// directly after '.' is a plain identifier: t.order).
__attribute__((always_inline)) inline const char* LexWord(const char* start,
                                                          const char* s,
                                                          Token* o) {
  const char* p = start + 1;
  while (IsWordByte(*p)) ++p;
  size_t len = static_cast<size_t>(p - start);
  // No keyword has one byte. o[-1] is readable: the token before the first
  // is a kEnd sentinel.
  Keyword kw = len - 2 <= kMaxKeywordLength - 2 && o[-1].kind != Tok::kDot
                   ? internal::FindKeywordPadded(start, len)
                   : KW_NONE;
  PutToken(o, Tok::kIdent, kw, static_cast<uint32_t>(start - s),
           static_cast<uint32_t>(len));
  return p;
}

size_t Lexer::Run() {
  const char* const s = s_;
  const char* const end = end_;
  Token* const first = out_;
  const char* p = s;
  Token* o = first;
  while (true) {
    Cc c = ClassOfByte(*p);
    if (c == kCcSpace) {
      ++p;
      continue;
    }
    // Words and one-byte tokens skip one following space themselves.
    if (c == kCcWord || (c == kCcPrefix && p[1] != '\'')) {
      p = LexWord(p, s, o++);
      p += *p == ' ';
      continue;
    }
    if (c == kCcSingle) {
      PutToken(o++, kClasses.single[static_cast<unsigned char>(*p)], KW_NONE,
               static_cast<uint32_t>(p - s), 1);
      p += 1 + (p[1] == ' ');
      continue;
    }
    if (c == kCcDot && !IsDigit(p[1])) {
      PutToken(o++, Tok::kDot, KW_NONE, static_cast<uint32_t>(p - s), 1);
      ++p;
      continue;
    }
    if (c == kCcBad && p == end) {
      PutToken(o, Tok::kEnd, KW_NONE, static_cast<uint32_t>(end - s), 0);
      return static_cast<size_t>(o + 1 - first);
    }
    p = Token1(p, o);
    if (p == nullptr) return 0;
    o += o->kind != Tok::kEnd;
  }
}

const char* Lexer::Token1(const char* p, Token* o) {
  const char* start = p;
  switch (ClassOfByte(*p)) {
    case kCcPrefix: {  // followed by a quote: X'..', B'..', N'..'
      char c = *p | 0x20;
      if (c == 'x' || c == 'b') {
        const char* e = PrefixedString(p, c == 'x');
        if (e == nullptr) return nullptr;
        return Put(o, c == 'x' ? Tok::kHexString : Tok::kBitString, p, e);
      }
      return QuotedToken(p + 1, '\'', Tok::kNString, start, o);
    }
    case kCcDigit: {
      Tok kind;
      const char* e = Number(p, o, &kind);
      if (kind == Tok::kIdent) return Word(p, o);  // 1abc, 0xg
      return Put(o, kind, p, e);
    }
    case kCcQuote:
      return QuotedToken(p, '\'', Tok::kString, start, o);
    case kCcDQuote:
      return QuotedToken(p, '"',
                         opt_.ansi_quotes ? Tok::kQuotedIdent : Tok::kString,
                         start, o);
    case kCcBacktick:
      return QuotedToken(p, '`', Tok::kQuotedIdent, start, o);
    case kCcDot:  // followed by a digit
      if (!AfterIdent(p, o)) {
        Tok kind;
        const char* e = Number(p, o, &kind);
        return Put(o, kind, p, e);
      }
      return Put(o, Tok::kDot, p, p + 1);
    case kCcColon: {
      const char* e = Colon(p);
      if (e == nullptr) return nullptr;
      Tok kind = e == p + 1                  ? Tok::kColon
                 : e == p + 2 && p[1] == '=' ? Tok::kAssign
                                             : Tok::kNamedParam;
      return Put(o, kind, p, e);
    }
    case kCcAt: {
      Tok kind;
      const char* e = Variable(p, &kind);
      if (e == nullptr) return nullptr;
      return Put(o, kind, p, e);
    }
    case kCcBad:                        // not at the end: Run() handles that
      if (*p == '\\' && p[1] == 'N') {  // \N is NULL, as in MySQL
        PutToken(o, Tok::kIdent, KW_NULL, static_cast<uint32_t>(p - s_), 2);
        return p + 2;
      }
      return Error(p);
    default:
      return Operator(p, o);
  }
}

const char* Lexer::Word(const char* start, Token* o) {
  return LexWord(start, s_, o);
}

// Operators and comments starting with - # / * < > ! & |.
const char* Lexer::Operator(const char* p, Token* o) {
  switch (ClassOfByte(*p)) {
    case kCcMinus:
      if (p[1] == '-' && static_cast<unsigned char>(p[2]) <= ' ') {
        // "-- " comment (the byte after "--" is a space or control byte,
        // or the input ends).
        while (p < end_ && *p != '\n') ++p;
        o->kind = Tok::kEnd;
        return p;
      }
      if (p[1] == '>') {
        if (p[2] == '>') return Put(o, Tok::kArrow2, p, p + 3);
        return Put(o, Tok::kArrow, p, p + 2);
      }
      return Put(o, Tok::kMinus, p, p + 1);
    case kCcHash:
      while (p < end_ && *p != '\n') ++p;
      o->kind = Tok::kEnd;
      return p;
    case kCcSlash:
      if (p[1] == '*') {
        o->kind = Tok::kEnd;
        return Comment(p, o);
      }
      return Put(o, Tok::kSlash, p, p + 1);
    case kCcStar:
      if (p[1] == '/' && in_version_comment_ > 0) {
        --in_version_comment_;
        o->kind = Tok::kEnd;
        return p + 2;
      }
      return Put(o, Tok::kStar, p, p + 1);
    case kCcLt:
      if (p[1] == '=') {
        if (p[2] == '>') return Put(o, Tok::kNullSafeEq, p, p + 3);
        return Put(o, Tok::kLe, p, p + 2);
      }
      if (p[1] == '>') return Put(o, Tok::kNe, p, p + 2);
      if (p[1] == '<') return Put(o, Tok::kShl, p, p + 2);
      return Put(o, Tok::kLt, p, p + 1);
    case kCcGt:
      if (p[1] == '=') return Put(o, Tok::kGe, p, p + 2);
      if (p[1] == '>') return Put(o, Tok::kShr, p, p + 2);
      return Put(o, Tok::kGt, p, p + 1);
    case kCcBang:
      if (p[1] == '=') return Put(o, Tok::kNe, p, p + 2);
      return Put(o, Tok::kBang, p, p + 1);
    case kCcAmp:
      if (p[1] == '&') return Put(o, Tok::kAndAnd, p, p + 2);
      return Put(o, Tok::kAmp, p, p + 1);
    case kCcPipe:
      if (p[1] == '|') return Put(o, Tok::kOrOr, p, p + 2);
      return Put(o, Tok::kPipe, p, p + 1);
    default:
      return Error(p);
  }
}

// `o` is where the next token would go (the hint belongs to the one before).
const char* Lexer::Comment(const char* start, const Token* o) {
  // start is at "/*".
  const char* p = start + 2;
  bool maria = p[0] == 'M' && p[1] == '!';
  if (*p == '!' || maria) {
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
  bool hint = start[2] == '+';
  const char* e = start + 2;
  while (e + 1 < end_ && !(e[0] == '*' && e[1] == '/')) ++e;
  if (e + 1 >= end_) return Error(start);
  const char* after = e + 2;
  if (hint && o != out_) {
    Keyword kw = o[-1].kw;
    if (kw == KW_SELECT || kw == KW_INSERT || kw == KW_REPLACE ||
        kw == KW_UPDATE || kw == KW_DELETE) {
      hints_->push_back(HintComment{
          static_cast<uint32_t>(o - 1 - out_),
          absl::string_view(start, static_cast<size_t>(after - start))});
    }
  }
  return after;
}

// The end of the quoted text whose opening quote is at p, or nullptr.
const char* Lexer::Quoted(const char* p, char q) const {
  bool backslash = q != '`' && !opt_.no_backslash_escapes;
  ++p;
  while (p < end_) {
    char c = *p;
    if (c == q) {
      if (p + 1 < end_ && p[1] == q) {
        p += 2;
        continue;
      }
      return p + 1;
    }
    p += (c == '\\' && backslash) ? 2 : 1;
  }
  return nullptr;
}

const char* Lexer::QuotedToken(const char* p, char q, Tok kind,
                               const char* start, Token* o) {
  const char* e = Quoted(p, q);
  if (e == nullptr) return Error(start);
  return Put(o, kind, start, e);
}

const char* Lexer::PrefixedString(const char* start, bool hex) {
  const char* p = start + 2;
  while (p < end_ && *p != '\'') {
    unsigned char ch = static_cast<unsigned char>(*p);
    if (hex ? !IsHex(ch) : (ch != '0' && ch != '1')) return Error(start);
    ++p;
  }
  if (p >= end_) return Error(start);
  return p + 1;
}

const char* Lexer::Colon(const char* start) {
  const char* p = start;
  if (p[1] == '=') return p + 2;  // :=
  if (p[1] == ':' && IsIdentChar(p[2])) {
    p += 2;  // ::name, a list bind variable
  } else if (IsIdentChar(p[1])) {
    p += 1;
  } else {
    return p + 1;  // a lone ':' (a label)
  }
  while (p < end_ && IsIdentChar(*p)) ++p;
  return p;
}

const char* Lexer::Variable(const char* start, Tok* kind) {
  const char* p = start + 1;
  bool sys = *p == '@';
  if (sys) ++p;
  *kind = sys ? Tok::kSysVar : Tok::kUserVar;
  char q = *p;
  if (!sys && (q == '\'' || q == '"' || q == '`')) {
    const char* e = Quoted(p, q);
    return e != nullptr ? e : Error(start);
  }
  if (sys && q == '`') {
    p = Quoted(p, '`');
    if (p == nullptr) return Error(start);
  } else {
    while (p < end_ && IsIdentChar(*p)) ++p;
  }
  // @@global.name and @@session.name lex as one token; so does @a.b.
  while (p[0] == '.' && p + 1 < end_ && IsIdentChar(p[1])) {
    ++p;
    while (p < end_ && IsIdentChar(*p)) ++p;
  }
  if (p == start + (sys ? 2 : 1)) return Error(start);
  return p;
}

// A number at start; *kind is kIdent when it is a word after all (1abc).
const char* Lexer::Number(const char* start, const Token* o, Tok* kind) const {
  const char* p = start;
  if (*p == '0' && (p[1] == 'x' || p[1] == 'b')) {
    bool hex = p[1] == 'x';
    const char* d = p + 2;
    while (d < end_ && (hex ? IsHex(*d) : (*d == '0' || *d == '1'))) ++d;
    if (d > p + 2 && (d >= end_ || !IsIdentChar(*d))) {
      *kind = hex ? Tok::kHexNum : Tok::kBitNum;
      return d;
    }
    *kind = Tok::kIdent;
    return start;
  }
  *kind = Tok::kIdent;
  if (AfterIdent(p, o)) return start;
  *kind = Tok::kInt;
  while (IsDigit(*p)) ++p;
  if (*p == '.') {
    *kind = Tok::kDecimal;
    ++p;
    while (IsDigit(*p)) ++p;
  }
  if (*p == 'e' || *p == 'E') {
    const char* e = p + 1;
    if (*e == '+' || *e == '-') ++e;
    if (IsDigit(*e)) {
      while (IsDigit(*e)) ++e;
      p = e;
      *kind = Tok::kFloat;
    }
  }
  if (*kind == Tok::kInt && p < end_ && IsIdentChar(*p)) {
    *kind = Tok::kIdent;  // 1abc is an identifier
    return start;
  }
  return p;
}

}  // namespace

namespace internal {

size_t LexPadded(const char* s, size_t n, const LexOptions& options,
                 Token* tokens, std::vector<HintComment>* hints,
                 size_t* error_pos) {
  hints->clear();
  PutToken(tokens - 1, Tok::kEnd, KW_NONE, 0, 0);  // the sentinel
  Lexer lexer(s, n, options, tokens, hints);
  size_t count = lexer.Run();
  if (count == 0) *error_pos = lexer.error_pos();
  return count;
}

}  // namespace internal

absl::Status Lex(absl::string_view input, const LexOptions& options,
                 LexResult* out) {
  out->tokens.clear();
  out->hints.clear();
  const size_t n = input.size();
  // A zero-padded copy of the input and room for n + 1 tokens (every token
  // but the last takes at least one byte): on the stack when small.
  constexpr size_t kStackBytes = 1024;
  char stack_text[kStackBytes + internal::kLexPadding];
  Token stack_tokens[kStackBytes + 2];
  std::unique_ptr<char[]> heap_text;
  std::unique_ptr<Token[]> heap_tokens;
  char* text = stack_text;
  Token* tokens = stack_tokens + 1;  // after the sentinel
  if (n > kStackBytes) {
    heap_text.reset(new char[n + internal::kLexPadding]);
    heap_tokens.reset(new Token[n + 2]);
    text = heap_text.get();
    tokens = heap_tokens.get() + 1;
  }
  if (n > 0) std::memcpy(text, input.data(), n);
  std::memset(text + n, 0, internal::kLexPadding);
  size_t error_pos = 0;
  size_t count =
      internal::LexPadded(text, n, options, tokens, &out->hints, &error_pos);
  if (count == 0) {
    out->hints.clear();
    return SyntaxErrorAt(input, error_pos);
  }
  out->tokens.assign(tokens, tokens + count);
  // The hints point into `input`, not into the copy.
  for (HintComment& h : out->hints) {
    h.text =
        absl::string_view(input.data() + (h.text.data() - text), h.text.size());
  }
  return absl::OkStatus();
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
