// FROM clause nodes of the AST: table references, joins, derived tables,
// JSON_TABLE (included by ast_stmt.h).
#ifndef TESSERA_LIB_SQL_AST_FROM_H_
#define TESSERA_LIB_SQL_AST_FROM_H_

#include "lib/sql/ast.h"

namespace tessera::sql {

// ---- FROM clause --------------------------------------------------------
enum class TableRefKind : uint8_t {
  kTable,
  kDerived,
  kJoin,
  kParen,
  kJsonTable
};

struct TableRef {
  TableRefKind kind;
  explicit TableRef(TableRefKind k) : kind(k) {}
};

enum class HintType : uint8_t { kUse, kForce, kIgnore };
enum class HintFor : uint8_t { kNone, kJoin, kOrderBy, kGroupBy };

struct IndexHint {
  HintType type;
  bool key_word = false;  // KEY instead of INDEX (kept: same meaning)
  HintFor for_what = HintFor::kNone;
  List<Ident> names;  // may be empty: USE INDEX ()
};

// MariaDB system-versioned tables: FOR SYSTEM_TIME AS OF [unit] e,
// BETWEEN [unit] e AND [unit] e, FROM [unit] e TO [unit] e, ALL. The unit
// is "timestamp", "transaction" or empty.
enum class SystemTimeKind : uint8_t { kAsOf, kBetween, kFromTo, kAll };

struct SystemTime {
  SystemTimeKind kind = SystemTimeKind::kAll;
  absl::string_view unit;
  Expr* from = nullptr;  // AS OF / BETWEEN / FROM
  absl::string_view unit2;
  Expr* to = nullptr;  // AND / TO
};

struct TableFactor : TableRef {
  TableFactor() : TableRef(TableRefKind::kTable) {}
  TableName name;
  List<Ident> partitions;
  SystemTime* system_time = nullptr;  // FOR SYSTEM_TIME ... (MariaDB)
  Ident alias;
  List<IndexHint> hints;
};

struct DerivedTable : TableRef {
  DerivedTable() : TableRef(TableRefKind::kDerived) {}
  QueryExpr* query;
  bool lateral = false;
  SystemTime* system_time = nullptr;  // (query) FOR SYSTEM_TIME ... (MariaDB)
  Ident alias;
  List<Ident> columns;
};

enum class JoinType : uint8_t {
  kInner,
  kCross,
  kStraight,
  kLeft,
  kRight,
  kNatural,
  kNaturalLeft,
  kNaturalRight,
};

struct JoinRef : TableRef {
  JoinRef() : TableRef(TableRefKind::kJoin) {}
  JoinType type;
  TableRef* left;
  TableRef* right;
  Expr* on = nullptr;
  List<Ident> using_cols;
  bool has_using = false;
};

struct ParenRef : TableRef {
  ParenRef() : TableRef(TableRefKind::kParen) {}
  List<TableRef*> items;
};

// JSON_TABLE(expr, path COLUMNS (...)) [AS] alias.
enum class JtColumnKind : uint8_t {
  kOrdinality,  // name FOR ORDINALITY
  kPath,        // name type PATH 'p' [on empty] [on error]
  kExistsPath,  // name type EXISTS PATH 'p'
  kNested,      // NESTED [PATH] 'p' COLUMNS (...)
};
struct JtColumn {
  JtColumnKind kind;
  Ident name;
  DataType* type = nullptr;
  Literal* path = nullptr;
  JtResponse on_empty = JtResponse::kNone;
  Literal* empty_default = nullptr;
  JtResponse on_error = JtResponse::kNone;
  Literal* error_default = nullptr;
  List<JtColumn> nested;
};

struct JsonTable : TableRef {
  JsonTable() : TableRef(TableRefKind::kJsonTable) {}
  Expr* expr;
  Literal* path;
  List<JtColumn> columns;
  Ident alias;
};

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_AST_FROM_H_
