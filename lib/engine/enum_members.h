// EnumMembers over the shards: reads an ENUM column's definition from
// information_schema on one shard of the keyspace the column's database
// names (each keyspace's database on its shards has the keyspace's name).
#ifndef TESSERA_LIB_ENGINE_ENUM_MEMBERS_H_
#define TESSERA_LIB_ENGINE_ENUM_MEMBERS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/engine/order.h"
#include "lib/engine/shard_cursor.h"

namespace tessera::engine {

class ShardEnumMembers : public EnumMembers {
 public:
  explicit ShardEnumMembers(ShardCursor* cursor) : cursor_(cursor) {}

  // Errors: 1235 when the field has no database/table/column name (an
  // expression), 1105 when the column is not found or not an ENUM; shard
  // errors as they come.
  absl::StatusOr<std::vector<std::string>> Members(const Field& field) override;

 private:
  ShardCursor* cursor_;
  absl::flat_hash_map<std::string, std::vector<std::string>> cache_;
};

// The members of a COLUMN_TYPE such as "enum('a','it''s')". Errors (1105)
// for anything else.
absl::StatusOr<std::vector<std::string>> ParseEnumColumnType(
    absl::string_view column_type);

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_ENUM_MEMBERS_H_
