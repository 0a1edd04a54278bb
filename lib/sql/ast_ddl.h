// DDL, SHOW and LOAD DATA nodes of the AST (included by ast.h).
//
// The statements here derive from OtherStmt: besides their typed fields
// they keep the statement's token stream in `tokens` and the first table
// named in `table` (what consumers of the classified token streams read),
// and have `typed` set, which makes the formatter use the typed fields.
#ifndef TESSERA_LIB_SQL_AST_DDL_H_
#define TESSERA_LIB_SQL_AST_DDL_H_

#include "lib/sql/ast_stmt.h"

namespace tessera::sql {

// ---- table options (CREATE/ALTER TABLE, CREATE DATABASE, partitions) ----
enum class OptionValue : uint8_t {
  kNone,    // no value (ALTER TABLE ... FORCE-like words never reach here)
  kWord,    // InnoDB, utf8mb4, DEFAULT, 1 ...; printed as written
  kString,  // 'text'
  kList,    // UNION = (t1, t2)
};

// `[DEFAULT] name [=] value`. `name` is the lower-case option name with
// single spaces ("engine", "default charset", "data directory"); engine
// defined attributes (MariaDB `foo = 'bar'`) are options too.
struct TableOption {
  absl::string_view name;
  OptionValue kind = OptionValue::kWord;
  absl::string_view value;    // the value token as written
  List<TableName> list;       // UNION = (t1, t2)
  absl::string_view storage;  // TABLESPACE x STORAGE {DISK|MEMORY}
};

// ---- partitioning ----------------------------------------------------------
enum class PartitionType : uint8_t { kHash, kKey, kRange, kList, kSystemTime };

struct SubpartitionDef {
  Ident name;
  List<TableOption> options;
};

struct PartitionDef {
  Ident name;
  // VALUES LESS THAN (...) / MAXVALUE, VALUES IN (...); `values` holds the
  // list (MAXVALUE is an ExprKind::kMaxValue node).
  // kDefault: MariaDB's LIST catch-all partition (PARTITION p DEFAULT).
  enum class Values : uint8_t {
    kNone,
    kLessThan,
    kLessThanMaxvalue,
    kIn,
    kDefault
  };
  Values values_kind = Values::kNone;
  List<Expr*> values;
  // MariaDB SYSTEM_TIME partitions: HISTORY / CURRENT.
  absl::string_view system_time;
  List<TableOption> options;
  List<SubpartitionDef> subpartitions;
};

// PARTITION BY ... [SUBPARTITION BY ...] [(definitions)].
struct PartitionBy {
  bool linear = false;
  PartitionType type;
  bool columns = false;          // RANGE/LIST COLUMNS (cols)
  absl::string_view algorithm;   // KEY ALGORITHM = n
  Expr* expr = nullptr;          // HASH/RANGE/LIST (expr)
  List<Ident> cols;              // KEY (cols), COLUMNS (cols)
  List<Token> system_time;       // SYSTEM_TIME [INTERVAL n unit ...]
  absl::string_view partitions;  // PARTITIONS n
};

struct PartitionSpec {
  PartitionBy by;
  PartitionBy* sub = nullptr;  // SUBPARTITION BY (sub->partitions holds n)
  List<PartitionDef> defs;
};

// ---- partition maintenance (ALTER TABLE) ------------------------------------
enum class PartitionOpKind : uint8_t {
  kAdd,         // ADD PARTITION [IF NOT EXISTS] (defs) | PARTITIONS n
  kDrop,        // DROP PARTITION [IF EXISTS] names
  kDiscard,     // DISCARD PARTITION names|ALL TABLESPACE
  kImport,      // IMPORT PARTITION names|ALL TABLESPACE
  kTruncate,    // TRUNCATE PARTITION names|ALL
  kCoalesce,    // COALESCE PARTITION n
  kReorganize,  // REORGANIZE PARTITION [names INTO (defs)]
  kExchange,    // EXCHANGE PARTITION p WITH TABLE t [{WITH|WITHOUT}
                // VALIDATION]
  kAnalyze,     // ANALYZE PARTITION names|ALL
  kCheck,       // CHECK PARTITION names|ALL
  kOptimize,    // OPTIMIZE PARTITION names|ALL
  kRebuild,     // REBUILD PARTITION names|ALL
  kRepair,      // REPAIR PARTITION names|ALL
  kRemove,      // REMOVE PARTITIONING
  kToTable,     // MariaDB CONVERT PARTITION p TO TABLE t
  kFromTable,   // MariaDB CONVERT TABLE t TO PARTITION def
};

struct PartitionOp {
  PartitionOpKind kind;
  bool all = false;  // ALL instead of names
  bool if_exists = false;
  bool if_not_exists = false;
  List<Ident> names;
  List<PartitionDef> defs;       // ADD, REORGANIZE ... INTO, CONVERT TABLE
  absl::string_view count;       // COALESCE n, ADD PARTITION PARTITIONS n
  TableName table;               // EXCHANGE, CONVERT
  absl::string_view validation;  // "with" / "without" (EXCHANGE)
};

// ---- ALTER TABLE -----------------------------------------------------------
enum class AlterKind : uint8_t {
  kAddColumn,     // column, position
  kAddColumns,    // ADD (c1 ..., c2 ...)
  kAddIndex,      // index
  kChangeColumn,  // name (old), column, position
  kModifyColumn,  // column, position
  kDropColumn,    // name, word: restrict/cascade
  kDropPrimaryKey,
  kDropIndex,           // name
  kDropForeignKey,      // name
  kDropConstraint,      // word: "check"/"constraint", name
  kSetDefault,          // ALTER COLUMN name SET DEFAULT expr
  kDropDefault,         // ALTER COLUMN name DROP DEFAULT
  kColumnVisibility,    // ALTER COLUMN name SET {VISIBLE|INVISIBLE}: word
  kIndexVisibility,     // ALTER INDEX name {VISIBLE|INVISIBLE}: word
  kConstraintEnforced,  // ALTER {CHECK|CONSTRAINT} name [NOT] ENFORCED
  kRenameColumn,        // name TO new_name
  kRenameIndex,         // name TO new_name (word: index/key)
  kRenameTable,         // RENAME [TO|AS] table
  kConvertCharset,      // CONVERT TO CHARACTER SET charset [COLLATE collate]
  kOption,              // a table option (also ALGORITHM, LOCK)
  kKeys,                // {ENABLE|DISABLE} KEYS: word
  kTablespace,          // {DISCARD|IMPORT} TABLESPACE: word
  kForce,
  kSecondaryLoad,  // MySQL SECONDARY_LOAD / SECONDARY_UNLOAD: word
  kOrderBy,        // order_by
  kValidation,     // {WITH|WITHOUT} VALIDATION: word
  kPartitionOp,    // ADD/DROP/... PARTITION ...: partition_op
  kPartitionBy,    // partition
  // MariaDB: {ADD|DROP} SYSTEM VERSIONING (word), ADD PERIOD [IF NOT
  // EXISTS] FOR ... (period), DROP PERIOD [IF EXISTS] FOR name (period).
  kSystemVersioning,
  kAddPeriod,
  kDropPeriod,
};

struct AlterSpec {
  AlterKind kind;
  bool if_exists = false;
  bool if_not_exists = false;
  bool negated = false;  // ALTER CHECK c NOT ENFORCED
  Ident name;
  Ident new_name;
  TableName table;
  ColumnDef* column = nullptr;
  List<ColumnDef*> columns;
  IndexDef* index = nullptr;
  bool first = false;  // FIRST
  Ident after;         // AFTER col
  Expr* default_value = nullptr;
  bool default_parens = false;
  absl::string_view word;
  Ident charset;
  Ident collate;
  TableOption option;
  List<OrderItem> order_by;
  List<Token> tokens;
  PartitionSpec* partition = nullptr;
  PartitionOp* partition_op = nullptr;
  PeriodDef* period = nullptr;
};

struct AlterTableStmt : OtherStmt {
  AlterTableStmt() : OtherStmt(StmtKind::kAlterTable) { typed = true; }
  bool online = false;
  bool ignore = false;
  bool if_exists = false;
  absl::string_view wait;  // "nowait" or "wait n" (MariaDB)
  List<AlterSpec> specs;
};

// ---- DROP / TRUNCATE / RENAME -----------------------------------------------
// DROP [TEMPORARY] TABLE, DROP VIEW, DROP DATABASE, DROP INDEX ... ON t.
struct DropStmt : OtherStmt {
  explicit DropStmt(StmtKind k) : OtherStmt(k) { typed = true; }
  bool temporary = false;
  bool if_exists = false;
  List<TableName> names;        // tables/views, or the database (name only)
  absl::string_view behaviour;  // "restrict" / "cascade"
  absl::string_view wait;       // MariaDB WAIT n / NOWAIT
  Ident index;                  // DROP INDEX name ON table (in `table`)
  bool online = false;          // DROP ONLINE INDEX (MariaDB)
  List<TableOption> options;    // ALGORITHM = x, LOCK = y
};

struct TruncateStmt : OtherStmt {
  TruncateStmt() : OtherStmt(StmtKind::kTruncate) { typed = true; }
  bool table_keyword = false;  // canonical form always prints TABLE
  absl::string_view wait;      // MariaDB WAIT n / NOWAIT
};

struct RenamePair {
  TableName from;
  absl::string_view wait;  // MariaDB WAIT n / NOWAIT (after `from`)
  TableName to;
};

struct RenameTableStmt : OtherStmt {
  RenameTableStmt() : OtherStmt(StmtKind::kRenameTable) { typed = true; }
  bool if_exists = false;  // MariaDB
  List<RenamePair> pairs;
};

// ---- CREATE INDEX / VIEW / DATABASE ---------------------------------------
struct CreateIndexStmt : OtherStmt {
  CreateIndexStmt() : OtherStmt(StmtKind::kCreateIndex) { typed = true; }
  bool or_replace = false;
  bool online = false;
  bool if_not_exists = false;
  IndexDef* index;                   // kind, name, parts, options (incl. USING)
  List<Token> using_before_on;       // INDEX i USING BTREE ON t
  absl::string_view wait;            // MariaDB "nowait" / WAIT n (the number)
  List<TableOption> algorithm_lock;  // ALGORITHM [=] x, LOCK [=] y
};

// CREATE [OR REPLACE] [ALGORITHM = x] [DEFINER = u] [SQL SECURITY x]
// VIEW [IF NOT EXISTS] v [(cols)] AS query [WITH [CASCADED|LOCAL] CHECK
// OPTION]; ALTER VIEW likewise (kAlterView).
struct ViewStmt : OtherStmt {
  explicit ViewStmt(StmtKind k) : OtherStmt(k) { typed = true; }
  bool or_replace = false;
  absl::string_view algorithm;
  List<Token> definer;  // 'u'@'h', CURRENT_USER, CURRENT_USER()
  absl::string_view security;
  bool if_not_exists = false;
  List<Ident> columns;
  QueryExpr* query = nullptr;
  bool check_option = false;
  absl::string_view check_scope;  // "cascaded" / "local"
};

// CREATE/ALTER DATABASE (SCHEMA): options are table options
// ([DEFAULT] CHARACTER SET, COLLATE, ENCRYPTION, COMMENT).
struct DatabaseStmt : OtherStmt {
  explicit DatabaseStmt(StmtKind k) : OtherStmt(k) { typed = true; }
  bool or_replace = false;
  bool if_not_exists = false;
  Ident db;  // may be empty for ALTER DATABASE
  List<TableOption> options;
};

// ---- SHOW ------------------------------------------------------------------
enum class ShowKind : uint8_t {
  kDatabases,
  kTables,
  kColumns,
  kIndex,
  kCreate,  // create_what + name
  kVariables,
  kStatus,
  kWarnings,
  kErrors,
  kProcesslist,
  kEngines,
  kCollation,
  kCharset,
  kTableStatus,
  kTriggers,
  kEvents,
  kOpenTables,
  kPlugins,
  kPrivileges,
  kGrants,
  kFunctionStatus,
  kProcedureStatus,
  kOther,  // anything else: `rest` holds the tokens after SHOW
};

struct ShowStmt : OtherStmt {
  ShowStmt() : OtherStmt(StmtKind::kShow) { typed = true; }
  ShowKind what = ShowKind::kOther;
  bool full = false;
  bool extended = false;
  VarScope scope = VarScope::kNone;
  bool count = false;             // SHOW COUNT(*) WARNINGS
  absl::string_view create_what;  // table/view/database/procedure/...
  bool if_not_exists = false;     // SHOW CREATE DATABASE IF NOT EXISTS
  TableName name;                 // COLUMNS/INDEX FROM t, CREATE x name
  Ident db;                       // FROM/IN db
  Literal* like = nullptr;
  Expr* where = nullptr;
  Limit* limit = nullptr;  // WARNINGS/ERRORS
  List<Token> rest;        // kOther
  // GRANTS [FOR user [USING role, ...]], CREATE USER user.
  bool has_user = false;
  UserName user;
  List<UserName> using_roles;
};

// ---- LOAD DATA
// ---------------------------------------------------------------
struct LoadDataStmt : OtherStmt {
  LoadDataStmt() : OtherStmt(StmtKind::kLoadData) { typed = true; }
  absl::string_view priority;  // "low_priority" / "concurrent"
  bool local = false;
  Literal* file = nullptr;
  absl::string_view duplicates;  // "replace" / "ignore"
  List<Ident> partitions;
  Ident charset;
  bool has_fields = false;
  Literal* fields_terminated = nullptr;
  Literal* enclosed = nullptr;
  bool optionally = false;
  Literal* escaped = nullptr;
  bool has_lines = false;
  Literal* lines_starting = nullptr;
  Literal* lines_terminated = nullptr;
  absl::string_view ignore_count;
  absl::string_view ignore_unit;  // "lines" / "rows"
  List<Expr*> columns;            // columns and @vars
  bool has_columns = false;
  List<Assignment> set;
};

// ---- administration (parse_admin.cc) ---------------------------------------
// XA {START|BEGIN} xid [JOIN|RESUME] | END xid [SUSPEND [FOR MIGRATE]] |
// PREPARE xid | COMMIT xid [ONE PHASE] | ROLLBACK xid | RECOVER [CONVERT XID]
struct XaStmt : OtherStmt {
  XaStmt() : OtherStmt(StmtKind::kXa) { typed = true; }
  absl::string_view verb;    // lower case: start, begin, end, ...
  List<Literal*> xid;        // gtrid [, bqual [, formatID]]
  absl::string_view option;  // "join", "suspend for migrate", "one phase"...
};

// FLUSH [NO_WRITE_TO_BINLOG|LOCAL] option, ... | TABLE[S] [t, ...]
// [WITH READ LOCK|FOR EXPORT].
struct FlushStmt : OtherStmt {
  FlushStmt() : OtherStmt(StmtKind::kFlush) { typed = true; }
  absl::string_view scope;          // "no_write_to_binlog" / "local"
  List<absl::string_view> options;  // lower-case words: "binary logs", ...
  bool tables = false;              // FLUSH TABLES form
  List<TableName> table_list;
  absl::string_view lock;  // "with read lock" / "for export"
};

// LOCK {TABLE|TABLES} t [[AS] alias] lock_type, ... [WAIT n|NOWAIT];
// lock_type READ [LOCAL] | [LOW_PRIORITY] WRITE | WRITE CONCURRENT.
struct LockItem {
  TableName name;
  Ident alias;
  absl::string_view type;  // "read", "read local", "write",
                           // "low_priority write", "write concurrent"
};

struct LockTablesStmt : OtherStmt {
  LockTablesStmt() : OtherStmt(StmtKind::kLockTables) { typed = true; }
  List<LockItem> items;
  absl::string_view wait;  // MariaDB WAIT n / NOWAIT
};

// priv_type [(cols)]: lower-case words ("select", "all privileges").
struct Privilege {
  absl::string_view name;
  List<Ident> columns;
};

// GRANT privs ON [type] level TO users [tail] / REVOKE privs ON ... FROM
// users; GRANT roles TO users / REVOKE roles FROM users (no ON); GRANT/
// REVOKE PROXY ON user. `tail` keeps IDENTIFIED BY, REQUIRE, WITH GRANT
// OPTION, AS user ... as tokens.
struct GrantStmt : OtherStmt {
  explicit GrantStmt(StmtKind k) : OtherStmt(k) { typed = true; }
  List<Privilege> privileges;  // empty for roles and PROXY
  bool has_on = false;
  bool proxy = false;
  UserName proxy_user;
  absl::string_view object_type;  // "table" / "function" / "procedure"
  // Privilege level: *, *.*, db.*, db.t, t (db_star/name_star for '*').
  Ident level_db;
  bool has_db = false;
  bool db_star = false;
  Ident level_name;
  bool name_star = false;
  List<UserName> roles;  // GRANT roles TO
  List<UserName> users;
  List<Token> tail;
};

// ---- accounts (parse_account.cc, format_account.cc) -------------------------
// The statements of kind kUser: CREATE/ALTER/DROP/RENAME USER and ROLE.
enum class AccountVerb : uint8_t { kCreate, kAlter, kDrop, kRename };

struct AccountStmt : OtherStmt {
  explicit AccountStmt(AccountVerb v) : OtherStmt(StmtKind::kUser), verb(v) {
    typed = true;
  }
  AccountVerb verb;
  bool role = false;  // ROLE instead of USER
};

// DROP USER|ROLE [IF EXISTS] name, ...
struct DropUserStmt : AccountStmt {
  DropUserStmt() : AccountStmt(AccountVerb::kDrop) {}
  bool if_exists = false;
  List<UserName> users;
};

// RENAME USER a TO b, ...: from[i] becomes to[i].
struct RenameUserStmt : AccountStmt {
  RenameUserStmt() : AccountStmt(AccountVerb::kRename) {}
  List<UserName> from;
  List<UserName> to;
};

// How an account authenticates.
enum class AuthKind : uint8_t {
  kNone,
  kPassword,  // IDENTIFIED BY 'x'
  kHash,      // IDENTIFIED BY PASSWORD 'hash' (MariaDB)
  kRandom,    // IDENTIFIED BY RANDOM PASSWORD (MySQL)
  kPlugin,    // IDENTIFIED {VIA|WITH} plugin [...] [OR plugin ...]
};

// plugin [{USING|AS|BY} value | BY RANDOM PASSWORD].
struct AuthPlugin {
  Ident plugin;
  absl::string_view how;  // "using" / "as" / "by", or empty
  Expr* value = nullptr;  // 'x', PASSWORD('x')
  bool random = false;    // BY RANDOM PASSWORD
};

struct UserSpec;

// MySQL ALTER USER ... {ADD | MODIFY} n FACTOR auth / DROP n FACTOR.
struct FactorOp {
  absl::string_view verb;    // "add" / "modify" / "drop"
  absl::string_view factor;  // "2" / "3"
  UserSpec* auth = nullptr;  // IDENTIFIED ... (not for DROP)
};

struct UserSpec {
  UserName user;
  bool user_function = false;  // ALTER USER USER() (MySQL): no `user`
  AuthKind auth = AuthKind::kNone;
  bool via = false;             // VIA (MariaDB) instead of WITH
  Literal* password = nullptr;  // kPassword / kHash
  List<AuthPlugin> plugins;     // kPlugin, separated by OR (MariaDB)
  Literal* replace = nullptr;   // REPLACE 'current' (MySQL)
  bool retain = false;          // RETAIN CURRENT PASSWORD (MySQL)
  bool discard_old = false;     // DISCARD OLD PASSWORD (MySQL)
  // MySQL 8.0.27 multi-factor authentication: AND IDENTIFIED ... (the
  // second factor; its own and_factor is the third), INITIAL
  // AUTHENTICATION IDENTIFIED ..., ALTER USER factor operations and
  // n FACTOR {INITIATE REGISTRATION | FINISH REGISTRATION SET
  // CHALLENGE_RESPONSE AS 'x' | UNREGISTER}.
  UserSpec* and_factor = nullptr;
  UserSpec* initial = nullptr;
  List<FactorOp> factor_ops;
  absl::string_view registration_factor;  // "2" / "3"
  absl::string_view registration;  // "initiate" / "finish" / "unregister"
  Literal* challenge = nullptr;
};

// REQUIRE SSL | X509 | ISSUER 'x' | SUBJECT 'x' | CIPHER 'x'.
enum class TlsKind : uint8_t { kSsl, kX509, kIssuer, kSubject, kCipher };
struct TlsOption {
  TlsKind kind;
  Literal* value = nullptr;
};

// WITH MAX_QUERIES_PER_HOUR n ...: name lower case, value as written.
struct ResourceLimit {
  absl::string_view name;
  absl::string_view value;
};

// Password, lock and comment options, in the order written.
enum class AccountOptionKind : uint8_t {
  kExpire,          // PASSWORD EXPIRE [value: "default" / "never"]
  kExpireInterval,  // PASSWORD EXPIRE INTERVAL value DAY
  kHistory,         // PASSWORD HISTORY {DEFAULT|n}
  kReuseInterval,   // PASSWORD REUSE INTERVAL {DEFAULT | n DAY}
  kRequireCurrent,  // PASSWORD REQUIRE CURRENT [DEFAULT|OPTIONAL]
  kFailedLogins,    // FAILED_LOGIN_ATTEMPTS n
  kLockTime,        // PASSWORD_LOCK_TIME {n|UNBOUNDED}
  kLock,            // ACCOUNT LOCK
  kUnlock,          // ACCOUNT UNLOCK
  kComment,         // COMMENT 'x' (MySQL)
  kAttribute,       // ATTRIBUTE 'json' (MySQL)
};
struct AccountOption {
  AccountOptionKind kind;
  absl::string_view value;  // lower-case word or number
  Literal* text = nullptr;  // COMMENT / ATTRIBUTE
};

// CREATE [OR REPLACE] USER|ROLE [IF NOT EXISTS] / ALTER USER [IF EXISTS]
// spec, ... [DEFAULT ROLE r, ...] [REQUIRE NONE | tls [AND] ...] [WITH
// limit ...] [options]; CREATE ROLE r [WITH ADMIN user].
struct UserStmt : AccountStmt {
  explicit UserStmt(AccountVerb v) : AccountStmt(v) {}
  bool or_replace = false;
  bool if_not_exists = false;
  bool if_exists = false;
  List<UserSpec> users;
  List<UserName> default_roles;         // MySQL DEFAULT ROLE
  absl::string_view default_role_word;  // ALTER USER DEFAULT ROLE NONE|ALL
  bool require = false;                 // REQUIRE given
  List<TlsOption> tls;                  // empty with `require`: REQUIRE NONE
  List<ResourceLimit> limits;
  List<AccountOption> options;
  bool has_admin = false;  // CREATE ROLE ... WITH ADMIN user
  UserName admin;
};

// ---- sequences (MariaDB; parse_sequence.cc) -------------------------------
enum class SeqOptionKind : uint8_t {
  kIncrement,   // INCREMENT [BY|=] n
  kMinValue,    // MINVALUE [=] n
  kNoMinValue,  // NO MINVALUE / NOMINVALUE
  kMaxValue,    // MAXVALUE [=] n
  kNoMaxValue,  // NO MAXVALUE / NOMAXVALUE
  kStart,       // START [WITH|=] n
  kCache,       // CACHE [=] n
  kNoCache,     // NOCACHE
  kCycle,       // CYCLE
  kNoCycle,     // NOCYCLE
  kRestart,     // RESTART [[WITH|=] n] (ALTER)
};

struct SeqOption {
  SeqOptionKind kind;
  absl::string_view value;  // signed number ("-5"), or empty
};

// CREATE [OR REPLACE] [TEMPORARY] SEQUENCE [IF NOT EXISTS] s [options]
// [table options]; ALTER SEQUENCE [IF EXISTS] s options; DROP [TEMPORARY]
// SEQUENCE [IF EXISTS] s, ... Kinds kCreateOther/kAlterOther/kDropOther.
struct SequenceStmt : OtherStmt {
  explicit SequenceStmt(StmtKind k) : OtherStmt(k) { typed = true; }
  bool or_replace = false;
  bool temporary = false;
  bool if_not_exists = false;
  bool if_exists = false;
  List<TableName> names;        // one, except DROP
  DataType* as_type = nullptr;  // MariaDB 11.5 AS int_type [UNSIGNED]
  List<SeqOption> options;
  List<TableOption> table_options;  // ENGINE = x, COMMENT = '...'
};

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_AST_DDL_H_
