// Grammar pieces written as free functions over the Parser's public token
// API: index options and foreign key references (parse_index.cc), FROM
// clause extensions (parse_table_ext.cc: FOR SYSTEM_TIME, JSON_TABLE, ODBC
// escapes), SET STATEMENT/SET ROLE (parse_set_ext.cc) and partition
// maintenance operations (parse_partition_ops.cc).
#ifndef TESSERA_LIB_SQL_PARSE_EXT_H_
#define TESSERA_LIB_SQL_PARSE_EXT_H_

#include "lib/sql/parser_internal.h"

namespace tessera::sql {

// ---- parse_index.cc ----
// True when the current token starts an index option.
bool IsIndexOptionStart(const Parser& p);
// Index options while they follow; appends to `out`.
bool ParseIndexOptions(Parser& p, List<IndexOption>* out);
// REFERENCES t [(cols)] [MATCH ...] [ON DELETE ...] [ON UPDATE ...]; the
// current token is REFERENCES.
bool ParseReferences(Parser& p, References* out);

// ---- parse_table_ext.cc ----
// FOR SYSTEM_TIME ...; the current tokens are FOR SYSTEM_TIME.
bool ParseSystemTime(Parser& p, SystemTime** out);
// DELETE HISTORY ... BEFORE SYSTEM_TIME [unit] point: after BEFORE.
bool ParseBeforeSystemTime(Parser& p, SystemTime** out);
// JSON_TABLE(...) [AS] alias; the current token is JSON_TABLE.
TableRef* ParseJsonTable(Parser& p);
// {d 'x'} / {t 'x'} / {ts 'x'} become DATE/TIME/TIMESTAMP literals, any
// other {word expr} the expression (as MariaDB does); at '{'.
Expr* ParseOdbcEscape(Parser& p);
// {OJ joined table}; at '{' OJ.
TableRef* ParseOdbcJoin(Parser& p);
// {NULL | ERROR | DEFAULT literal} ON {EMPTY | ERROR} (either order);
// false when none starts here (without failing) or on an error (failed()).
bool ParseJsonResponse(Parser& p, JtResponse* on_empty, Literal** empty_default,
                       JtResponse* on_error, Literal** error_default);

// ---- parse_set_ext.cc ----
// 'u'@'h', u@h, `u`, CURRENT_USER[()].
bool ParseUserName(Parser& p, UserName* out);
// user [, user ...].
bool ParseUserList(Parser& p, List<UserName>* out);
// SET ROLE ... / SET DEFAULT ROLE ...; SET is consumed.
Stmt* ParseSetRole(Parser& p);

// ---- parse_partition_ops.cc ----
// ADD/DROP/TRUNCATE/COALESCE/REORGANIZE/EXCHANGE/ANALYZE/CHECK/OPTIMIZE/
// REBUILD/REPAIR/DISCARD/IMPORT PARTITION, REMOVE PARTITIONING, MariaDB
// CONVERT PARTITION/TABLE.
PartitionOp* ParsePartitionOp(Parser& p);

// ---- parse_func.cc ----
// MariaDB NEXT VALUE FOR seq / PREVIOUS VALUE FOR seq, read as the
// equivalent NEXTVAL(seq) / LASTVAL(seq) calls; at NEXT or PREVIOUS.
Expr* ParseSequenceValue(Parser& p);

// ---- parse_dml_ext.cc ----
Stmt* ParseDo(Parser& p);              // DO expr, ...
Stmt* ParseCall(Parser& p);            // CALL p[(args)]
Stmt* ParseSignal(Parser& p);          // SIGNAL / RESIGNAL
Stmt* ParseGetDiagnostics(Parser& p);  // GET [CURRENT|STACKED] DIAGNOSTICS

// ---- parse_admin.cc ----
Stmt* ParseXa(Parser& p);
Stmt* ParseFlush(Parser& p);
Stmt* ParseGrant(Parser& p, StmtKind kind);  // kGrant / kRevoke
Stmt* ParseDropUser(Parser& p);              // DROP USER|ROLE
Stmt* ParseLockTables(Parser& p);            // LOCK TABLE[S] ...
Stmt* ParseUnlockTables(Parser& p);          // UNLOCK TABLE[S]

// ---- parse_column.cc ----
enum class ColumnAttr { kNone, kDone, kError };
// VISIBLE/INVISIBLE, COLUMN_FORMAT x, STORAGE x, SRID n, REF_SYSTEM_ID = n,
// COMPRESSED[=m], WITH|WITHOUT SYSTEM VERSIONING, [GENERATED ALWAYS] AS ROW
// START|END, [NOT] ENFORCED after CHECK; kNone when none starts here.
ColumnAttr ParseColumnAttribute(Parser& p, ColumnDef* c);
// PERIOD FOR {SYSTEM_TIME | name} (start, end) (MariaDB); ParsePeriod
// starts at FOR.
bool IsPeriodStart(const Parser& p);
PeriodDef* ParsePeriod(Parser& p);
bool ParsePeriodName(Parser& p, PeriodDef* d);
// ALTER TABLE {ADD|DROP} SYSTEM VERSIONING / ADD PERIOD ... / DROP PERIOD
// [IF EXISTS] FOR name after ADD/DROP (verb "add"/"drop"); false when
// neither follows (check p.failed() after true).
bool ParseVersioningSpec(Parser& p, AlterSpec* a, absl::string_view verb);
// [NOT] ENFORCED, if present (table CHECK constraints).
bool ParseEnforced(Parser& p, int8_t* out);
// [CONSTRAINT [name]] CHECK (expr) [[NOT] ENFORCED]: a column's second or
// later CHECK.
bool ParseColumnCheck(Parser& p, ColumnCheck* k);

// ---- parse_compound.cc ----
// Tokens to the statement's end for compound statements and CREATE/ALTER
// of triggers, routines, packages and events (their bodies hold ';'); `all`
// is the statement's token array and `first` the current index. `package`:
// CREATE PACKAGE [BODY], whose specification or body runs to its END. Fails
// when a block is not closed.
List<Token> TokensUntilBodyEnd(Parser& p, absl::Span<const Token> all,
                               size_t first, bool package);

// ---- parse_sequence.cc ----
// CREATE/ALTER/DROP [...] SEQUENCE (kind kCreateOther/kAlterOther/
// kDropOther); IsSequenceStmt looks at the first words.
bool IsSequenceStmt(const Parser& p);
Stmt* ParseSequence(Parser& p, StmtKind kind);

// ---- parse_account.cc ----
// CREATE/ALTER/DROP/RENAME USER, CREATE/DROP ROLE (kind kUser).
Stmt* ParseAccount(Parser& p);
// SET PASSWORD ...; SET PASSWORD is consumed.
bool ParseSetPassword(Parser& p, SetItem* item);
// SHOW GRANTS [FOR user [USING role, ...]]; after GRANTS.
bool ParseShowGrants(Parser& p, ShowStmt* s);

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_PARSE_EXT_H_
