// LOAD DATA LOCAL INFILE through the router.
//
// The client's file (read by the gateway) is split among the shards: for a
// table of an unsharded keyspace the whole file goes to the keyspace's one
// shard; for a sharded table every record is routed by its primary vindex
// column's text (LoadDataScanner reads the records as MariaDB does) and
// each shard gets the ignored header lines plus its own records, unchanged,
// in the same LOAD DATA statement (the table named without its keyspace).
// MariaDB's own conversions, defaults and warnings then apply on each shard.
//
// What cannot be routed exactly is refused with 1235 before any shard is
// touched: a primary vindex that is not a single-column functional one
// (lookups), owned lookup vindexes (their rows would have to be written),
// a sequence-backed auto-increment column, a SET clause assigning a vindex
// column, a primary vindex column missing from the column list, a record
// without that field or with NULL there, a value the vindex cannot map,
// reference and pinned tables, shard-targeted sessions, and character sets
// whose multibyte characters can hide ASCII bytes (big5, cp932, gbk, sjis).
#ifndef TESSERA_LIB_ROUTER_LOAD_DATA_H_
#define TESSERA_LIB_ROUTER_LOAD_DATA_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/router/target.h"
#include "lib/sql/parser.h"
#include "lib/vschema/vschema.h"

namespace tessera::router {

struct LoadDataPart {
  std::string shard;
  std::string data;  // the header lines, then the shard's records
  uint64_t records = 0;
};

struct LoadDataPlan {
  std::string keyspace;
  std::string sql;  // what every shard runs
  // In key order; shards without records are left out (unless every shard
  // is: then the first shard gets the header alone, so that errors such
  // as an unknown column still come from MariaDB).
  std::vector<LoadDataPart> parts;
};

// The shards of a keyspace and the table's columns, as the router knows
// them (from its snapshot and, when the statement has no column list and
// the VSchema's is not authoritative, from a shard).
struct LoadDataContext {
  const vschema::VSchema* vschema = nullptr;
  const Target* target = nullptr;
  std::function<absl::StatusOr<std::vector<std::string>>(
      absl::string_view keyspace)>
      shards;
  std::function<absl::StatusOr<std::vector<std::string>>(
      absl::string_view keyspace, absl::string_view table)>
      table_columns;
};

// Plans `stmt` (a LOAD DATA LOCAL INFILE) over the file `data`. The
// statement's AST is rewritten in place (table name). Errors: 1235 as
// above, 1146 unknown table, 1049 unknown keyspace, 1083 bad FIELDS
// arguments, and the context's callbacks' errors.
absl::StatusOr<LoadDataPlan> PlanLoadData(sql::ParsedStatement& stmt,
                                          absl::string_view data,
                                          const LoadDataContext& context);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_LOAD_DATA_H_
