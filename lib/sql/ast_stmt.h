// Statement and query nodes of the AST (included by ast.h).
#ifndef TESSERA_LIB_SQL_AST_STMT_H_
#define TESSERA_LIB_SQL_AST_STMT_H_

#include "lib/sql/ast.h"
#include "lib/sql/ast_from.h"  // IWYU pragma: export

namespace tessera::sql {

// ---- Queries --------------------------------------------------------------
struct Cte {
  Ident name;
  List<Ident> columns;
  QueryExpr* query;
  List<Ident> cycle;  // MariaDB: ... AS (query) CYCLE a, b RESTRICT
};

struct WithClause {
  bool recursive = false;
  List<Cte> ctes;
};

// LIMIT [offset,] count | count OFFSET offset; MariaDB's OFFSET n ROWS
// FETCH FIRST m ROWS ONLY reads as LIMIT m OFFSET n (and without FETCH, as
// LIMIT 18446744073709551615 OFFSET n); WITH TIES keeps that syntax.
struct Limit {
  Expr* count;
  Expr* offset = nullptr;
  Expr* rows_examined = nullptr;  // MariaDB LIMIT ... ROWS EXAMINED n
  bool with_ties = false;         // FETCH FIRST n ROWS WITH TIES
};

enum class LockMode : uint8_t {
  kNone,
  kForUpdate,
  kForShare,
  kLockInShareMode,
};
enum class LockWait : uint8_t { kDefault, kNowait, kSkipLocked, kWait };

struct LockClause {
  LockMode mode = LockMode::kNone;
  List<TableName> of;
  LockWait wait = LockWait::kDefault;
  absl::string_view wait_seconds;  // WAIT n (MariaDB)
  // MySQL 8: further clauses, FOR UPDATE OF t FOR SHARE OF u.
  LockClause* next = nullptr;
};

enum class IntoKind : uint8_t { kVars, kOutfile, kDumpfile };

struct IntoClause {
  IntoKind kind;
  List<Expr*> vars;  // @a, local variables (as columns)
  Literal* file = nullptr;
  // Trailing OUTFILE options (CHARACTER SET, FIELDS ..., LINES ...) as tokens.
  List<Token> options;
};

struct SelectItem {
  Expr* expr;
  Ident alias;
  // The expression as written in the statement (MariaDB names an unaliased
  // expression column after it); empty for `*` and synthesized items.
  absl::string_view text = {};
};

struct NamedWindow {
  Ident name;
  WindowSpec* spec;
};

enum class QueryKind : uint8_t { kSelect, kSetOp, kParen, kValues, kTable };

// Clauses common to every query expression; they apply to the whole node.
struct QueryExpr {
  QueryKind kind;
  explicit QueryExpr(QueryKind k) : kind(k) {}
  WithClause* with = nullptr;
  List<OrderItem> order_by;
  Limit* limit = nullptr;
  LockClause* lock = nullptr;
  IntoClause* into = nullptr;
  FuncCall* procedure = nullptr;  // MariaDB PROCEDURE ANALYSE(...)
};

enum SelectOption : uint16_t {
  kSelDistinct = 1 << 0,
  kSelAll = 1 << 1,
  kSelDistinctRow = 1 << 2,
  kSelHighPriority = 1 << 3,
  kSelStraightJoin = 1 << 4,
  kSelSmallResult = 1 << 5,
  kSelBigResult = 1 << 6,
  kSelBufferResult = 1 << 7,
  kSelCache = 1 << 8,
  kSelNoCache = 1 << 9,
  kSelCalcFoundRows = 1 << 10,
};

struct Select : QueryExpr {
  Select() : QueryExpr(QueryKind::kSelect) {}
  absl::string_view hint;  // "/*+ ... */"
  uint16_t options = 0;
  List<SelectItem> items;
  List<TableRef*> from;
  bool from_dual = false;
  Expr* where = nullptr;
  List<Expr*> group_by;
  List<OrderDir>
      group_dirs;  // MariaDB/MySQL 5.7 GROUP BY a DESC; empty if none
  bool with_rollup = false;
  Expr* having = nullptr;
  List<NamedWindow> windows;
};

enum class SetOpType : uint8_t { kUnion, kExcept, kIntersect };

struct SetOp : QueryExpr {
  SetOp() : QueryExpr(QueryKind::kSetOp) {}
  SetOpType op;
  bool all = false;
  bool distinct = false;  // explicit DISTINCT
  QueryExpr* left;
  QueryExpr* right;
};

struct ParenQuery : QueryExpr {
  ParenQuery() : QueryExpr(QueryKind::kParen) {}
  QueryExpr* inner;
};

// VALUES ROW(1, 2), ROW(3, 4) (MySQL 8) or VALUES (1, 2) (MariaDB).
struct ValuesQuery : QueryExpr {
  ValuesQuery() : QueryExpr(QueryKind::kValues) {}
  List<List<Expr*>> rows;
  bool row_keyword = false;
};

// TABLE t
struct TableQuery : QueryExpr {
  TableQuery() : QueryExpr(QueryKind::kTable) {}
  TableName name;
};

// ---- Statements -----------------------------------------------------------
enum class StmtKind : uint8_t {
  kSelect,
  kInsert,
  kReplace,
  kUpdate,
  kDelete,
  kLoadData,
  kSet,
  kShow,
  kUse,
  kBegin,
  kCommit,
  kRollback,
  kSavepoint,
  kReleaseSavepoint,
  kXa,
  kExplain,
  kDescribe,
  kLockTables,
  kUnlockTables,
  kPrepare,
  kExecute,
  kDeallocate,
  kCall,
  kDo,
  kKill,
  kFlush,
  kAnalyze,
  kOptimize,
  kCheck,
  kRepair,
  kChecksum,
  kCreateTable,
  kAlterTable,
  kDropTable,
  kTruncate,
  kRenameTable,
  kCreateDatabase,
  kAlterDatabase,
  kDropDatabase,
  kCreateView,
  kAlterView,
  kDropView,
  kCreateIndex,
  kDropIndex,
  kCreateOther,
  kAlterOther,
  kDropOther,
  kGrant,
  kRevoke,
  kUser,
  kHandler,
  kSignal,
  kGet,
  kPurge,
  kReset,
  kChange,
  kStart,
  kStop,
  kInstall,
  kUninstall,
  kBinlog,
  kCache,
  kShutdown,
  kHelp,
  kCompound,          // MariaDB BEGIN NOT ATOMIC, IF, CASE, LOOP, WHILE,
                      // REPEAT, FOR outside stored programs
  kBackup,            // MariaDB BACKUP STAGE/LOCK/UNLOCK, MySQL LOCK/UNLOCK
                      // INSTANCE
  kClone,             // MySQL CLONE
  kRestart,           // MySQL RESTART
  kSetResourceGroup,  // MySQL SET RESOURCE GROUP
  kOther,
  kEmpty,
};

struct Stmt {
  StmtKind kind;
  // An OtherStmt (token stream in `tokens`); `typed` when it is one of the
  // typed DDL/SHOW/LOAD DATA statements of ast_ddl.h, formatted from its
  // fields.
  bool opaque = false;
  bool typed = false;
  explicit Stmt(StmtKind k) : kind(k) {}
};

struct SelectStmt : Stmt {
  SelectStmt() : Stmt(StmtKind::kSelect) {}
  QueryExpr* query;
};

struct Assignment {
  Column* column;
  Expr* value;
};

enum class Priority : uint8_t { kNone, kLow, kDelayed, kHigh };

struct InsertStmt : Stmt {
  explicit InsertStmt(StmtKind k) : Stmt(k) {}  // kInsert or kReplace
  absl::string_view hint;
  Priority priority = Priority::kNone;
  bool ignore = false;
  TableName table;
  List<Ident> partitions;
  List<Ident> columns;
  bool has_columns = false;  // "()" counts
  List<List<Expr*>> rows;    // VALUES form
  bool row_keyword = false;  // VALUES ROW(...)
  List<Assignment> set;      // SET form
  bool set_form = false;
  QueryExpr* query = nullptr;  // SELECT form
  Ident row_alias;             // AS new
  List<Ident> row_alias_columns;
  List<Assignment> on_dup;
  List<SelectItem> returning;  // MariaDB
};

// MariaDB application-time periods: FOR PORTION OF period FROM a TO b
// (UPDATE/DELETE of one table).
struct PortionOf {
  Ident period;
  Expr* from;
  Expr* to;
};

struct UpdateStmt : Stmt {
  UpdateStmt() : Stmt(StmtKind::kUpdate) {}
  WithClause* with = nullptr;
  absl::string_view hint;
  bool low_priority = false;
  bool ignore = false;
  List<TableRef*> tables;
  PortionOf* portion = nullptr;  // tables is then one TableFactor
  List<Assignment> set;
  Expr* where = nullptr;
  List<OrderItem> order_by;
  Limit* limit = nullptr;
};

struct DeleteStmt : Stmt {
  DeleteStmt() : Stmt(StmtKind::kDelete) {}
  WithClause* with = nullptr;
  absl::string_view hint;
  bool low_priority = false, quick = false, ignore = false;
  // Multi-table forms: `targets` are the tables deleted from.
  List<TableName> targets;
  bool using_form = false;  // DELETE FROM t1 USING refs
  List<TableRef*> from;     // single-table: one TableFactor
  Expr* where = nullptr;
  List<OrderItem> order_by;
  Limit* limit = nullptr;
  List<SelectItem> returning;
  // MariaDB DELETE HISTORY FROM t [BEFORE SYSTEM_TIME [unit] point]
  // (`before`: kind kAsOf, unit and point in unit/from).
  bool history = false;
  SystemTime* before = nullptr;
  PortionOf* portion = nullptr;  // single-table form
};

enum class VarScope : uint8_t {
  kNone,
  kGlobal,
  kSession,
  kLocal,
  kPersist,
  kPersistOnly
};

enum class SetItemKind : uint8_t {
  kVar,
  kNames,
  kCharset,
  kTransaction,
  kPassword
};

struct SetItem {
  SetItemKind kind = SetItemKind::kVar;
  VarScope scope = VarScope::kNone;
  Expr* target = nullptr;  // Var or Column (system variable name)
  Expr* value = nullptr;   // null for NAMES DEFAULT / CHARSET DEFAULT
  Ident charset;           // NAMES / CHARACTER SET
  Ident collate;           // NAMES x COLLATE y
  List<Token> tokens;      // TRANSACTION characteristics
  struct SetPassword* password = nullptr;  // kPassword
};

// An account or role name as written: 'u'@'h', u@h, `u`, CURRENT_USER[()].
struct UserName {
  absl::string_view name;  // token text (quotes kept)
  absl::string_view host;  // "@'h'" / "@h", or empty
  bool parens = false;     // CURRENT_USER()
};

// SET PASSWORD [FOR user] {= value [REPLACE 'x'] [RETAIN CURRENT PASSWORD]
// | TO RANDOM}; value is 'hash', PASSWORD('x'), OLD_PASSWORD('x').
struct SetPassword {
  bool has_for = false;
  UserName user;
  Expr* value = nullptr;  // null for TO RANDOM
  Literal* replace = nullptr;
  bool retain = false;
};

enum class RoleMode : uint8_t { kList, kNone, kDefault, kAll, kAllExcept };

// SET ROLE ... / SET DEFAULT ROLE ... [TO|FOR users].
struct SetRole {
  bool default_role = false;  // SET DEFAULT ROLE
  RoleMode mode = RoleMode::kList;
  List<UserName> roles;   // kList, kAllExcept
  List<UserName> users;   // MySQL TO u, ... / MariaDB FOR u
  bool for_user = false;  // spelled FOR (MariaDB)
};

struct SetStmt : Stmt {
  SetStmt() : Stmt(StmtKind::kSet) {}
  List<SetItem> items;
  Stmt* inner = nullptr;    // MariaDB SET STATEMENT items FOR inner
  SetRole* role = nullptr;  // SET [DEFAULT] ROLE (items empty)
};

struct UseStmt : Stmt {
  UseStmt() : Stmt(StmtKind::kUse) {}
  Ident db;
};

// Transaction control: BEGIN, START TRANSACTION, COMMIT, ROLLBACK,
// SAVEPOINT, RELEASE SAVEPOINT.
struct TxnStmt : Stmt {
  explicit TxnStmt(StmtKind k) : Stmt(k) {}
  bool work = false;  // BEGIN WORK / COMMIT WORK
  bool start_transaction = false;
  List<Token> characteristics;  // READ ONLY, WITH CONSISTENT SNAPSHOT, ...
  Ident savepoint;              // ROLLBACK TO x, SAVEPOINT x
  bool to_savepoint_keyword = false;
  absl::string_view chain;    // "and chain", "and no chain", ...
  absl::string_view release;  // "release", "no release"
};

struct ExplainStmt : Stmt {
  explicit ExplainStmt(StmtKind k) : Stmt(k) {}  // kExplain / kDescribe
  List<Token> options;    // FORMAT=JSON, ANALYZE, EXTENDED ...
  Stmt* inner = nullptr;  // EXPLAIN <stmt>
  TableName table;        // DESCRIBE t [col]
  Ident column;
};

// ---- CREATE TABLE ---------------------------------------------------------
struct TableOption;    // ast_ddl.h
struct PartitionSpec;  // ast_ddl.h

// Index options (after the key parts; USING also before them).
enum class IndexOptionKind : uint8_t {
  kUsing,            // USING {BTREE|HASH|RTREE}: value (lower case)
  kKeyBlockSize,     // KEY_BLOCK_SIZE [=] n: value
  kComment,          // COMMENT 'text': text
  kVisible,          // VISIBLE
  kInvisible,        // INVISIBLE
  kIgnored,          // IGNORED (MariaDB)
  kNotIgnored,       // NOT IGNORED (MariaDB)
  kWithParser,       // WITH PARSER name: value
  kEngineAttribute,  // [SECONDARY_]ENGINE_ATTRIBUTE [=] 'x': name, text
  kAttribute,        // engine-defined `name = value` (CLUSTERING = YES):
                     // name (lower case), value as written or text
};

struct IndexOption {
  IndexOptionKind kind;
  absl::string_view name;
  absl::string_view value;
  Literal* text = nullptr;
};

// Foreign key referential actions and MATCH.
enum class RefAction : uint8_t {
  kNone,
  kRestrict,
  kCascade,
  kSetNull,
  kNoAction,
  kSetDefault,
};
enum class RefMatch : uint8_t { kNone, kFull, kPartial, kSimple };

// REFERENCES t [(cols)] [MATCH x] [ON DELETE a] [ON UPDATE a].
struct References {
  TableName table;
  List<Ident> columns;
  RefMatch match = RefMatch::kNone;
  RefAction on_delete = RefAction::kNone;
  RefAction on_update = RefAction::kNone;
};

// A column CHECK after the first (MySQL allows several on one column).
struct ColumnCheck {
  bool constraint = false;  // CONSTRAINT [name]
  Ident name;
  Expr* expr = nullptr;
  int8_t enforced = -1;
};

struct ColumnDef {
  Ident name;
  DataType* type;
  int8_t nullable = -1;  // -1 unspecified, 0 NOT NULL, 1 NULL
  Expr* default_value = nullptr;
  bool default_parens = false;  // DEFAULT (expr): an expression default
  Expr* on_update = nullptr;
  bool auto_increment = false;
  bool unique_key = false;
  bool primary_key = false;
  Literal* comment = nullptr;
  Expr* generated = nullptr;  // [GENERATED ALWAYS] AS (expr)
  bool stored = false;        // STORED/PERSISTENT (else VIRTUAL)
  Expr* check = nullptr;
  References* references = nullptr;  // inline REFERENCES t (c) ...
  // [CONSTRAINT [check_name]] CHECK (...) [NOT] ENFORCED (MySQL).
  bool check_constraint = false;
  Ident check_name;
  int8_t check_enforced = -1;     // -1 unspecified, 0 NOT ENFORCED, 1 ENFORCED
  List<ColumnCheck> more_checks;  // the second and later CHECKs
  // Attributes (parse_column.cc); lower-case words, numbers as written.
  absl::string_view visibility;       // "visible" / "invisible"
  absl::string_view column_format;    // COLUMN_FORMAT fixed|dynamic|default
  absl::string_view storage;          // STORAGE disk|memory|default
  absl::string_view srid;             // SRID n (MySQL)
  absl::string_view ref_system_id;    // REF_SYSTEM_ID = n (MariaDB)
  bool compressed = false;            // COMPRESSED[=method] (MariaDB)
  Ident compression;                  // the method, if given
  absl::string_view versioning;       // WITH|WITHOUT SYSTEM VERSIONING
  absl::string_view row_period;       // GENERATED ALWAYS AS ROW start|end
  bool serial_default_value = false;  // SERIAL DEFAULT VALUE
};

enum class IndexKind : uint8_t {
  kIndex,
  kPrimary,
  kUnique,
  kFulltext,
  kSpatial,
  kForeign,
  kCheck,
  kVector,  // MariaDB 11.7 VECTOR INDEX
};

struct IndexPart {
  Ident column;              // or
  Expr* expr = nullptr;      // functional key part ((expr))
  absl::string_view length;  // col(10)
  OrderDir dir = OrderDir::kDefault;
  bool without_overlaps = false;  // MariaDB: period WITHOUT OVERLAPS
};

struct IndexDef {
  IndexKind kind;
  bool if_not_exists = false;   // MariaDB ADD INDEX IF NOT EXISTS i
  bool has_constraint = false;  // CONSTRAINT [symbol]
  Ident constraint;
  Ident name;
  List<IndexPart> parts;
  List<IndexOption> options;  // USING BTREE, COMMENT '...', VISIBLE, ...
  References ref;             // FOREIGN KEY ... REFERENCES
  Expr* check = nullptr;      // CHECK (expr)
  int8_t enforced = -1;       // CHECK: 0 NOT ENFORCED, 1 ENFORCED
};

// MariaDB PERIOD FOR SYSTEM_TIME (start, end) / PERIOD FOR name (s, e).
struct PeriodDef {
  bool system_time = false;
  Ident name;  // application-time period
  Ident start;
  Ident end;
};

struct TableElement {
  ColumnDef* column = nullptr;  // exactly one of column/index/period
  IndexDef* index = nullptr;
  PeriodDef* period = nullptr;
};

struct CreateTableStmt : Stmt {
  CreateTableStmt() : Stmt(StmtKind::kCreateTable) {}
  bool or_replace = false;
  bool temporary = false;
  bool if_not_exists = false;
  TableName name;
  TableName like;  // CREATE TABLE t LIKE u
  bool has_like = false;
  List<TableElement> elements;
  List<TableOption> options;  // ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ...
  PartitionSpec* partition = nullptr;  // PARTITION BY ...
  absl::string_view duplicates;        // "ignore" / "replace" before AS SELECT
  QueryExpr* query = nullptr;          // [AS] SELECT ...
};

// Statements kept as their token stream with the kind recognised: DDL,
// SHOW, administration, XA, GRANT, ... The formatter prints the tokens in
// canonical spelling; `table` holds the first table name found, if any.
struct OtherStmt : Stmt {
  explicit OtherStmt(StmtKind k) : Stmt(k) { opaque = true; }
  List<Token> tokens;
  TableName table;
};

// ---- DO, CALL, SIGNAL/RESIGNAL, GET DIAGNOSTICS (typed OtherStmts) -------
// DO expr, ...
struct DoStmt : OtherStmt {
  DoStmt() : OtherStmt(StmtKind::kDo) { typed = true; }
  List<Expr*> exprs;
};

// CALL [db.]proc [([args])]
struct CallStmt : OtherStmt {
  CallStmt() : OtherStmt(StmtKind::kCall) { typed = true; }
  TableName proc;
  bool parens = false;
  List<Expr*> args;
};

// name = value in SIGNAL ... SET and GET DIAGNOSTICS (target = name).
struct DiagItem {
  absl::string_view name;  // condition information item, lower case
  Expr* value;             // SIGNAL: the value; GET DIAGNOSTICS: the target
};

// {SIGNAL | RESIGNAL} [SQLSTATE [VALUE] 'state' | condition] [SET item =
// value, ...]
struct SignalStmt : OtherStmt {
  SignalStmt() : OtherStmt(StmtKind::kSignal) { typed = true; }
  bool resignal = false;
  Literal* sqlstate = nullptr;
  bool value_keyword = false;  // SQLSTATE VALUE '...'
  Ident condition;
  List<DiagItem> items;
};

// GET [CURRENT | STACKED] DIAGNOSTICS {target = NUMBER | ROW_COUNT, ... |
// CONDITION n target = item, ...}
struct GetDiagnosticsStmt : OtherStmt {
  GetDiagnosticsStmt() : OtherStmt(StmtKind::kGet) { typed = true; }
  absl::string_view area;     // "current", "stacked" or empty
  Expr* condition = nullptr;  // CONDITION n
  List<DiagItem> items;       // value = target, name = item
};

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_AST_STMT_H_
