// The typed AST for MySQL/MariaDB statements.
//
// All nodes live in the Arena of their ParsedStatement and point into the
// statement text: an AST is valid only while both are alive. Nodes are plain
// structs; `kind` fields tell which derived struct a base pointer holds.
#ifndef TESSERA_LIB_SQL_AST_H_
#define TESSERA_LIB_SQL_AST_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "lib/sql/arena.h"
#include "lib/sql/token.h"

namespace tessera::sql {

// An identifier as written: `raw` excludes the quotes but keeps doubled
// quote characters; `quote` is 0, '`' or '"' (ANSI_QUOTES), or '\'' for
// string aliases.
struct Ident {
  absl::string_view raw;
  char quote = 0;
  bool empty() const { return raw.empty() && quote == 0; }
};

// db.table (or a single name in `name`).
struct TableName {
  Ident db;
  Ident name;
};

struct QueryExpr;
struct Expr;
struct WindowSpec;

enum class ExprKind : uint8_t {
  kLiteral,
  kColumn,
  kStar,
  kParam,
  kVar,
  kUnary,
  kBinary,
  kIs,
  kBetween,
  kIn,
  kLike,
  kCase,
  kCast,
  kConvertUsing,
  kFunc,
  kSubquery,
  kExists,
  kTuple,
  kInterval,
  kCollate,
  kMatch,
  kDefault,
  kMaxValue,
};

struct Expr {
  ExprKind kind;
  explicit Expr(ExprKind k) : kind(k) {}
};

enum class LitKind : uint8_t {
  kInt,
  kDecimal,
  kFloat,
  kString,
  kHexNum,
  kHexString,
  kBitNum,
  kBitString,
  kNull,
  kTrue,
  kFalse,
  kDate,
  kTime,
  kTimestamp,
};

struct Literal : Expr {
  Literal() : Expr(ExprKind::kLiteral) {}
  LitKind lit = LitKind::kInt;
  absl::string_view text;        // raw token text (strings keep quotes)
  List<absl::string_view> more;  // further adjacent strings: 'a' 'b'
  absl::string_view introducer;  // "_utf8mb4", "N" (for N'x') or empty
};

struct Column : Expr {
  Column() : Expr(ExprKind::kColumn) {}
  Ident db, table, name;  // db and table may be empty
};

// `*` or `t.*` in a select list.
struct Star : Expr {
  Star() : Expr(ExprKind::kStar) {}
  Ident db, table;
};

struct Param : Expr {
  Param() : Expr(ExprKind::kParam) {}
  absl::string_view text;  // "?", ":name", or "::name" (a list: x IN (::v1))
};

struct Var : Expr {
  Var() : Expr(ExprKind::kVar) {}
  absl::string_view text;  // "@a", "@'a'", "@@global.x" as written
};

enum class UnaryOp : uint8_t { kNeg, kPlus, kBitNot, kBang, kNot, kBinary };

struct Unary : Expr {
  Unary() : Expr(ExprKind::kUnary) {}
  UnaryOp op;
  Expr* operand;
};

enum class BinOp : uint8_t {
  kAssign,
  kOr,
  kXor,
  kAnd,
  kEq,
  kNullSafeEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kSoundsLike,
  kMemberOf,
  kBitOr,
  kBitAnd,
  kShl,
  kShr,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kIntDiv,
  kMod,
  kBitXor,
  kJsonExtract,
  kJsonUnquote,
};

enum class Quantifier : uint8_t { kNone, kAny, kAll };

struct Binary : Expr {
  Binary() : Expr(ExprKind::kBinary) {}
  BinOp op;
  Quantifier quant = Quantifier::kNone;  // a = ANY (subquery)
  Expr* left;
  Expr* right;
};

enum class IsWhat : uint8_t { kNull, kTrue, kFalse, kUnknown };

struct IsExpr : Expr {
  IsExpr() : Expr(ExprKind::kIs) {}
  Expr* operand;
  IsWhat what;
  bool negated = false;
};

struct Between : Expr {
  Between() : Expr(ExprKind::kBetween) {}
  Expr *operand, *low, *high;
  bool negated = false;
};

struct InExpr : Expr {
  InExpr() : Expr(ExprKind::kIn) {}
  Expr* operand;
  List<Expr*> list;  // when subquery is null
  QueryExpr* subquery = nullptr;
  bool negated = false;
};

struct LikeExpr : Expr {
  LikeExpr() : Expr(ExprKind::kLike) {}
  Expr *operand, *pattern;
  Expr* escape = nullptr;
  bool regexp = false;  // REGEXP / RLIKE
  bool rlike = false;   // spelled RLIKE (a column name shows the spelling)
  bool negated = false;
};

struct When {
  Expr* cond;
  Expr* result;
};

struct CaseExpr : Expr {
  CaseExpr() : Expr(ExprKind::kCase) {}
  Expr* operand = nullptr;
  List<When> whens;
  Expr* else_expr = nullptr;
};

// A column or cast type: name is the canonical lower-case spelling
// ("varchar", "signed", "double precision" is stored as "double").
struct DataType {
  absl::string_view name;
  absl::string_view length;  // digits, or empty
  absl::string_view scale;   // digits, or empty
  bool has_length = false;   // "char()" vs "char"
  bool is_unsigned = false;
  bool is_signed = false;
  bool zerofill = false;
  bool binary = false;    // CHAR(10) BINARY
  bool array = false;     // CAST(x AS UNSIGNED ARRAY)
  List<Literal*> values;  // ENUM/SET members
  Ident charset;          // CHARACTER SET x
  Ident collate;          // COLLATE x
};

struct CastExpr : Expr {
  CastExpr() : Expr(ExprKind::kCast) {}
  Expr* operand;
  DataType* type;
  bool convert_syntax = false;  // CONVERT(x, type)
  // MySQL 8.0.22 CAST(ts AT TIME ZONE [INTERVAL] 'tz' AS DATETIME[(n)]).
  Literal* time_zone = nullptr;
  bool time_zone_interval = false;
  // `x AS type` as a function argument: WEIGHT_STRING(s AS CHAR(4)),
  // COLUMN_CREATE(n, v AS DOUBLE), COLUMN_GET(d, n AS INT).
  bool as_argument = false;
};

struct ConvertUsing : Expr {
  ConvertUsing() : Expr(ExprKind::kConvertUsing) {}
  Expr* operand;
  Ident charset;
};

enum class OrderDir : uint8_t { kDefault, kAsc, kDesc };

struct OrderItem {
  Expr* expr;
  OrderDir dir = OrderDir::kDefault;
};

enum class FrameUnit : uint8_t { kRows, kRange, kGroups };
enum class BoundKind : uint8_t {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing
};
struct FrameBound {
  BoundKind kind = BoundKind::kCurrentRow;
  Expr* value = nullptr;
};
// EXCLUDE CURRENT ROW | GROUP | TIES | NO OTHERS after a frame.
enum class FrameExclude : uint8_t {
  kNone,
  kCurrentRow,
  kGroup,
  kTies,
  kNoOthers
};
struct Frame {
  FrameUnit unit;
  bool between = false;
  FrameExclude exclude = FrameExclude::kNone;
  FrameBound start, end;
};

struct WindowSpec {
  Ident base;  // OVER (w ORDER BY ...)
  List<Expr*> partition_by;
  List<OrderItem> order_by;
  Frame* frame = nullptr;
};

// Special argument syntaxes of some built-in functions.
enum class FuncForm : uint8_t {
  kPlain,
  kCountStar,    // COUNT(*)
  kExtract,      // EXTRACT(unit FROM e): unit in `word`
  kTrim,         // TRIM([mode] [rem] FROM s): mode in trim_mode
  kSubstrFrom,   // SUBSTRING(s FROM p [FOR n])
  kPosition,     // POSITION(a IN b)
  kCharUsing,    // CHAR(... USING cs): charset in `word`
  kGroupConcat,  // GROUP_CONCAT([DISTINCT] ... ORDER BY ... SEPARATOR s)
  kNoParens,     // CURRENT_TIMESTAMP without ()
  kTimeUnit,     // TIMESTAMPADD(unit, a, b): unit in `word`
  kWithinGroup,  // PERCENTILE_CONT(x) WITHIN GROUP (ORDER BY ...)
};

enum class TrimMode : uint8_t { kNone, kBoth, kLeading, kTrailing };

// {NULL | ERROR | DEFAULT literal} ON EMPTY / ON ERROR (JSON_TABLE columns,
// JSON_VALUE).
enum class JtResponse : uint8_t { kNone, kNull, kError, kDefault };

// Rarely used parts of a call, kept out of FuncCall itself.
struct FuncExtra {
  // WEIGHT_STRING(s [AS CHAR(n)] LEVEL levels) (MariaDB): the levels in
  // canonical text, "1 desc reverse, 2" or "1-3".
  absl::string_view levels;
  // JSON_VALUE(j, path [RETURNING type] [response ON EMPTY] [response ON
  // ERROR]) (MySQL 8.0.21).
  DataType* returning = nullptr;
  JtResponse on_empty = JtResponse::kNone;
  Literal* empty_default = nullptr;
  JtResponse on_error = JtResponse::kNone;
  Literal* error_default = nullptr;
};

struct FuncCall : Expr {
  FuncCall() : Expr(ExprKind::kFunc) {}
  Ident db;                // schema-qualified stored function
  absl::string_view name;  // as written (formatted in lower case if builtin)
  List<Expr*> args;
  FuncForm form = FuncForm::kPlain;
  bool distinct = false;
  TrimMode trim_mode = TrimMode::kNone;
  absl::string_view word;        // unit or charset for some forms
  List<OrderItem> order_by;      // GROUP_CONCAT
  Literal* separator = nullptr;  // GROUP_CONCAT
  bool has_over = false;
  Ident over_name;             // OVER w
  WindowSpec* over = nullptr;  // OVER (...)
  bool ignore_nulls = false;   // NTH_VALUE/LEAD ... IGNORE NULLS
  bool from_last = false;      // NTH_VALUE ... FROM LAST
  Expr* limit = nullptr;       // GROUP_CONCAT(... LIMIT [offset,] count)
  Expr* offset = nullptr;
  FuncExtra* extra = nullptr;  // WEIGHT_STRING levels, JSON_VALUE clauses
};

struct SubqueryExpr : Expr {
  SubqueryExpr() : Expr(ExprKind::kSubquery) {}
  QueryExpr* query;
};

struct ExistsExpr : Expr {
  ExistsExpr() : Expr(ExprKind::kExists) {}
  QueryExpr* query;
};

struct TupleExpr : Expr {
  TupleExpr() : Expr(ExprKind::kTuple) {}
  List<Expr*> items;
  bool row_keyword = false;  // ROW(a, b)
};

struct IntervalExpr : Expr {
  IntervalExpr() : Expr(ExprKind::kInterval) {}
  Expr* value;
  absl::string_view unit;  // lower case, e.g. "day_hour"
};

struct CollateExpr : Expr {
  CollateExpr() : Expr(ExprKind::kCollate) {}
  Expr* operand;
  Ident collation;
};

enum class MatchMode : uint8_t {
  kDefault,
  kNaturalLanguage,
  kNaturalLanguageExpansion,
  kBoolean,
  kExpansion
};

struct MatchExpr : Expr {
  MatchExpr() : Expr(ExprKind::kMatch) {}
  List<Expr*> columns;
  Expr* against;
  MatchMode mode = MatchMode::kDefault;
};

// DEFAULT as a value in INSERT/UPDATE; MAXVALUE in partition bounds.
struct DefaultExpr : Expr {
  DefaultExpr() : Expr(ExprKind::kDefault) {}
};

}  // namespace tessera::sql

#include "lib/sql/ast_ddl.h"   // IWYU pragma: export
#include "lib/sql/ast_stmt.h"  // IWYU pragma: export

#endif  // TESSERA_LIB_SQL_AST_H_
