#include "lib/sql/lexer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"

namespace tessera::sql {
namespace {

inline bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool IsHex(unsigned char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
struct SpaceTable {
  bool v[256];
  constexpr SpaceTable() : v() {
    for (int c : {' ', '\t', '\n', '\r', '\f', '\v'}) v[c] = true;
  }
};
inline constexpr SpaceTable kSpaces;
inline bool IsSpace(unsigned char c) { return kSpaces.v[c]; }

class Lexer {
 public:
  Lexer(absl::string_view in, const LexOptions& opt, LexResult* out)
      : s_(in.data()), n_(in.size()), in_(in), opt_(opt), out_(out) {}

  absl::Status Run() {
    out_->tokens.clear();
    out_->hints.clear();
    out_->tokens.reserve(n_ / 4 + 8);
    while (true) {
      if (!SkipSpaceAndComments()) return SyntaxErrorAt(in_, error_pos_);
      if (i_ >= n_) break;
      if (!NextToken()) return SyntaxErrorAt(in_, error_pos_);
    }
    out_->tokens.push_back(
        Token{Tok::kEnd, KW_NONE, static_cast<uint32_t>(n_), 0});
    return absl::OkStatus();
  }

 private:
  // The token functions return false after recording the error position
  // (a bool is cheaper than an absl::Status per token).
  bool Error(size_t pos) {
    error_pos_ = pos;
    return false;
  }
  void Emit(Tok kind, size_t start, Keyword kw = KW_NONE) {
    out_->tokens.push_back(Token{kind, kw, static_cast<uint32_t>(start),
                                 static_cast<uint32_t>(i_ - start)});
  }
  char At(size_t k) const { return k < n_ ? s_[k] : '\0'; }

  bool SkipSpaceAndComments() {
    while (i_ < n_) {
      unsigned char c = s_[i_];
      if (IsSpace(c)) {
        size_t i = i_ + 1;
        while (i < n_ && IsSpace(static_cast<unsigned char>(s_[i]))) ++i;
        i_ = i;
      } else if (c != '#' && c != '-' && c != '/' && c != '*') {
        break;  // the common case: a token starts here
      } else if (c == '#' || (c == '-' && At(i_ + 1) == '-' &&
                              (i_ + 2 >= n_ || IsSpace(s_[i_ + 2]) ||
                               static_cast<unsigned char>(s_[i_ + 2]) < 32))) {
        while (i_ < n_ && s_[i_] != '\n') ++i_;
      } else if (c == '/' && At(i_ + 1) == '*') {
        if (!Comment()) return false;
      } else if (c == '*' && At(i_ + 1) == '/' && in_version_comment_ > 0) {
        --in_version_comment_;
        i_ += 2;
      } else {
        break;
      }
    }
    return true;
  }

  bool Comment() {
    size_t start = i_;
    size_t p = i_ + 2;
    bool maria = At(p) == 'M' && At(p + 1) == '!';
    if (At(p) == '!' || maria) {
      p += maria ? 2 : 1;
      size_t d = p;
      while (d < n_ && IsDigit(s_[d]) && d - p < 6) ++d;
      uint32_t version = 0;
      if (d - p >= 5) {
        for (size_t k = p; k < d; ++k) version = version * 10 + (s_[k] - '0');
        p = d;
      } else {
        d = p;
      }
      if (version <= opt_.server_version) {
        ++in_version_comment_;
        i_ = p;
        return true;
      }
    }
    bool hint = At(i_ + 2) == '+';
    size_t end = FindCommentEnd(i_ + 2);
    if (end == std::string::npos) return Error(start);
    i_ = end + 2;
    if (hint && !out_->tokens.empty()) {
      Keyword kw = out_->tokens.back().kw;
      if (kw == KW_SELECT || kw == KW_INSERT || kw == KW_REPLACE ||
          kw == KW_UPDATE || kw == KW_DELETE) {
        out_->hints.push_back(
            HintComment{static_cast<uint32_t>(out_->tokens.size() - 1),
                        in_.substr(start, i_ - start)});
      }
    }
    return true;
  }

  size_t FindCommentEnd(size_t from) const {
    for (size_t k = from; k + 1 < n_; ++k) {
      if (s_[k] == '*' && s_[k + 1] == '/') return k;
    }
    return std::string::npos;
  }

  bool Quoted(char q, Tok kind, size_t start) {
    // i_ is at the opening quote.
    ++i_;
    while (i_ < n_) {
      char c = s_[i_];
      if (c == '\\' && q != '`' && !opt_.no_backslash_escapes) {
        i_ += 2;
        continue;
      }
      if (c == q) {
        if (At(i_ + 1) == q) {
          i_ += 2;
          continue;
        }
        ++i_;
        Emit(kind, start);
        return true;
      }
      ++i_;
    }
    return Error(start);
  }

  bool NextToken() {
    size_t start = i_;
    unsigned char c = s_[i_];
    switch (c) {
      case '\'':
        return Quoted('\'', Tok::kString, start);
      case '"':
        return Quoted('"', opt_.ansi_quotes ? Tok::kQuotedIdent : Tok::kString,
                      start);
      case '`':
        return Quoted('`', Tok::kQuotedIdent, start);
      case '?':
        ++i_;
        Emit(Tok::kParam, start);
        return true;
      case '@':
        return Variable(start);
      case ':':
        if (At(i_ + 1) == '=') return Op(Tok::kAssign, 2);
        if (At(i_ + 1) == ':' && IsIdentChar(At(i_ + 2))) {
          i_ += 2;  // ::name, a list bind variable
          while (i_ < n_ && IsIdentChar(s_[i_])) ++i_;
          Emit(Tok::kNamedParam, start);
          return true;
        }
        if (IsIdentChar(At(i_ + 1))) {
          ++i_;
          while (i_ < n_ && IsIdentChar(s_[i_])) ++i_;
          Emit(Tok::kNamedParam, start);
          return true;
        }
        return Error(start);
      case '(':
        return Op(Tok::kLParen, 1);
      case ')':
        return Op(Tok::kRParen, 1);
      case ',':
        return Op(Tok::kComma, 1);
      case ';':
        return Op(Tok::kSemicolon, 1);
      case '+':
        return Op(Tok::kPlus, 1);
      case '*':
        return Op(Tok::kStar, 1);
      case '/':
        return Op(Tok::kSlash, 1);
      case '%':
        return Op(Tok::kPercent, 1);
      case '=':
        return Op(Tok::kEq, 1);
      case '~':
        return Op(Tok::kTilde, 1);
      case '^':
        return Op(Tok::kCaret, 1);
      case '{':
        return Op(Tok::kLBrace, 1);
      case '}':
        return Op(Tok::kRBrace, 1);
      case '-':
        if (At(i_ + 1) == '>') {
          return At(i_ + 2) == '>' ? Op(Tok::kArrow2, 3) : Op(Tok::kArrow, 2);
        }
        return Op(Tok::kMinus, 1);
      case '<':
        if (At(i_ + 1) == '=') {
          return At(i_ + 2) == '>' ? Op(Tok::kNullSafeEq, 3) : Op(Tok::kLe, 2);
        }
        if (At(i_ + 1) == '>') return Op(Tok::kNe, 2);
        if (At(i_ + 1) == '<') return Op(Tok::kShl, 2);
        return Op(Tok::kLt, 1);
      case '>':
        if (At(i_ + 1) == '=') return Op(Tok::kGe, 2);
        if (At(i_ + 1) == '>') return Op(Tok::kShr, 2);
        return Op(Tok::kGt, 1);
      case '!':
        if (At(i_ + 1) == '=') return Op(Tok::kNe, 2);
        return Op(Tok::kBang, 1);
      case '&':
        if (At(i_ + 1) == '&') return Op(Tok::kAndAnd, 2);
        return Op(Tok::kAmp, 1);
      case '|':
        if (At(i_ + 1) == '|') return Op(Tok::kOrOr, 2);
        return Op(Tok::kPipe, 1);
      case '.':
        if (IsDigit(At(i_ + 1)) && !AfterIdentDot()) return Number(start);
        return Op(Tok::kDot, 1);
      default:
        break;
    }
    if (IsDigit(c)) return Number(start);
    if (!IsIdentChar(c)) return Error(start);
    if (At(i_ + 1) == '\'') {  // X'..', B'..', N'..'
      if (c == 'x' || c == 'X')
        return PrefixedString(start, Tok::kHexString, true);
      if (c == 'b' || c == 'B')
        return PrefixedString(start, Tok::kBitString, false);
      if (c == 'n' || c == 'N') {
        ++i_;
        return Quoted('\'', Tok::kNString, start);
      }
    }
    return Word(start);
  }

  // After `ident.`, "1a" or "5" is an identifier part, not a number.
  bool AfterIdentDot() const {
    if (out_->tokens.empty()) return false;
    Tok k = out_->tokens.back().kind;
    const Token& t = out_->tokens.back();
    return (k == Tok::kIdent || k == Tok::kQuotedIdent) && t.pos + t.len == i_;
  }

  bool Op(Tok kind, size_t len) {
    size_t start = i_;
    i_ += len;
    Emit(kind, start);
    return true;
  }

  bool PrefixedString(size_t start, Tok kind, bool hex) {
    i_ += 2;
    while (i_ < n_ && s_[i_] != '\'') {
      unsigned char ch = s_[i_];
      if (hex ? !IsHex(ch) : (ch != '0' && ch != '1')) {
        return Error(start);
      }
      ++i_;
    }
    if (i_ >= n_) return Error(start);
    ++i_;
    Emit(kind, start);
    return true;
  }

  bool Variable(size_t start) {
    ++i_;
    bool sys = At(i_) == '@';
    if (sys) ++i_;
    char q = At(i_);
    if (!sys && (q == '\'' || q == '"' || q == '`')) {
      return Quoted(q, Tok::kUserVar, start);
    }
    if (sys && q == '`') {
      // Quoted() emits a token on success only (an unterminated name is an
      // error); drop it, the whole variable is emitted below.
      if (!Quoted('`', Tok::kSysVar, start)) return false;
      out_->tokens.pop_back();
    } else {
      while (i_ < n_ && IsIdentChar(s_[i_])) ++i_;
    }
    // @@global.name and @@session.name lex as one token; so does @a.b.
    while (At(i_) == '.' && IsIdentChar(At(i_ + 1))) {
      ++i_;
      while (i_ < n_ && IsIdentChar(s_[i_])) ++i_;
    }
    if (i_ == start + (sys ? 2 : 1)) return Error(start);
    Emit(sys ? Tok::kSysVar : Tok::kUserVar, start);
    return true;
  }

  bool Number(size_t start) {
    if (s_[i_] == '0' && (At(i_ + 1) == 'x' || At(i_ + 1) == 'b')) {
      bool hex = At(i_ + 1) == 'x';
      size_t p = i_ + 2;
      while (p < n_ && (hex ? IsHex(s_[p]) : (s_[p] == '0' || s_[p] == '1')))
        ++p;
      if (p > i_ + 2 && (p >= n_ || !IsIdentChar(s_[p]))) {
        i_ = p;
        Emit(hex ? Tok::kHexNum : Tok::kBitNum, start);
        return true;
      }
      return Word(start);
    }
    if (AfterIdentDot()) return Word(start);
    Tok kind = Tok::kInt;
    while (i_ < n_ && IsDigit(s_[i_])) ++i_;
    if (At(i_) == '.') {
      kind = Tok::kDecimal;
      ++i_;
      while (i_ < n_ && IsDigit(s_[i_])) ++i_;
    }
    if ((At(i_) == 'e' || At(i_) == 'E')) {
      size_t p = i_ + 1;
      if (At(p) == '+' || At(p) == '-') ++p;
      if (IsDigit(At(p))) {
        while (p < n_ && IsDigit(s_[p])) ++p;
        i_ = p;
        kind = Tok::kFloat;
      }
    }
    if (kind == Tok::kInt && i_ < n_ && IsIdentChar(s_[i_])) {
      return Word(start);  // 1abc is an identifier
    }
    Emit(kind, start);
    return true;
  }

  bool Word(size_t start) {
    // The keyword hash is computed while scanning (no second pass).
    // Locals: stores to members could alias the input (char*), which would
    // force a reload per byte.
    const char* p = s_ + start;
    const char* const end = s_ + n_;
    uint32_t h = 0;
    while (p < end && IsIdentChar(static_cast<unsigned char>(*p))) {
      h = KeywordHashStep(h, static_cast<unsigned char>(*p));
      ++p;
    }
    i_ = static_cast<size_t>(p - s_);
    size_t len = i_ - start;
    Keyword kw = len <= kMaxKeywordLength
                     ? LookupKeywordHashed(s_ + start, len, h)
                     : KW_NONE;
    // A keyword directly after '.' is a plain identifier (t.order).
    if (kw != KW_NONE && !out_->tokens.empty() &&
        out_->tokens.back().kind == Tok::kDot) {
      kw = KW_NONE;
    }
    Emit(Tok::kIdent, start, kw);
    return true;
  }

  const char* s_;
  size_t n_;
  absl::string_view in_;
  const LexOptions& opt_;
  LexResult* out_;
  size_t i_ = 0;
  int in_version_comment_ = 0;
  size_t error_pos_ = 0;
};

}  // namespace

absl::Status Lex(absl::string_view input, const LexOptions& options,
                 LexResult* out) {
  return Lexer(input, options, out).Run();
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
