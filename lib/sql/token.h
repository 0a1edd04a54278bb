// Tokens produced by the lexer.
#ifndef TESSERA_LIB_SQL_TOKEN_H_
#define TESSERA_LIB_SQL_TOKEN_H_

#include <cstdint>

#include "lib/sql/keywords.h"

namespace tessera::sql {

enum class Tok : uint8_t {
  kEnd,
  kIdent,        // unquoted word; `kw` is set when it is a keyword
  kQuotedIdent,  // `name` (or "name" under ANSI_QUOTES); text keeps quotes
  // kString .. kBitString are the literal tokens (keep them together).
  kString,      // 'x' or "x"; text keeps quotes
  kNString,     // N'x'
  kInt,         // 123
  kDecimal,     // 1.5, .5, 1.
  kFloat,       // 1e5, 1.5E-3
  kHexNum,      // 0x1F
  kHexString,   // X'1F'
  kBitNum,      // 0b101
  kBitString,   // B'101'
  kParam,       // ?
  kNamedParam,  // :name, or ::name for a list bind variable
  kUserVar,     // @a, @'a', @`a`
  kSysVar,      // @@a, @@session.a
  kLParen,
  kRParen,
  kComma,
  kSemicolon,
  kDot,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kEq,
  kLt,
  kGt,
  kLe,
  kGe,
  kNe /* != or <> */,
  kNullSafeEq,
  kShl,
  kShr,
  kBang,
  kTilde,
  kCaret,
  kAmp,
  kAndAnd,
  kPipe,
  kOrOr,
  kAssign /* := */,
  kArrow /* -> */,
  kArrow2 /* ->> */,
  kLBrace,
  kRBrace,
  kColon,  // a lone ':' (labels in compound statements: `l: LOOP`)
};

// Trivial (value-initialized to a kEnd token), so token arrays are cheap.
struct Token {
  Tok kind;
  Keyword kw;    // KW_NONE unless kind == kIdent
  uint32_t pos;  // byte offset into the input
  uint32_t len;
};

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_TOKEN_H_
