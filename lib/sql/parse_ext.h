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
// JSON_TABLE(...) [AS] alias; the current token is JSON_TABLE.
TableRef* ParseJsonTable(Parser& p);
// {d 'x'} / {t 'x'} / {ts 'x'} become DATE/TIME/TIMESTAMP literals, any
// other {word expr} the expression (as MariaDB does); at '{'.
Expr* ParseOdbcEscape(Parser& p);
// {OJ joined table}; at '{' OJ.
TableRef* ParseOdbcJoin(Parser& p);

// ---- parse_set_ext.cc ----
// 'u'@'h', u@h, `u`, CURRENT_USER[()].
bool ParseUserName(Parser& p, UserName* out);
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

// ---- parse_admin.cc ----
Stmt* ParseXa(Parser& p);
Stmt* ParseFlush(Parser& p);
Stmt* ParseGrant(Parser& p, StmtKind kind);  // kGrant / kRevoke
Stmt* ParseDropUser(Parser& p);              // DROP USER|ROLE

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_PARSE_EXT_H_
