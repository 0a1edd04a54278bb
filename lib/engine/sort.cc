#include "lib/engine/sort.h"

#include <algorithm>

#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/enum_members.h"

namespace tessera::engine {

absl::StatusOr<std::unique_ptr<RowStream>> Sort::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> in,
                           input_->Open(ctx, bind_vars));
  ShardEnumMembers enums(ctx.cursor);
  TESSERA_ASSIGN_OR_RETURN(RowComparator cmp,
                           RowComparator::Create(in->fields(), keys_, &enums));
  MemoryBudget budget(ctx.limits, "ORDER BY at the router");
  std::vector<Row> rows;
  Row row;
  while (true) {
    TESSERA_ASSIGN_OR_RETURN(bool more, in->Next(&row));
    if (!more) break;
    if (row.size() != in->fields().size()) {
      return InternalMysqlError("sort: row width differs from fields");
    }
    TESSERA_RETURN_IF_ERROR(budget.Add(row));
    rows.push_back(std::move(row));
    row.clear();
  }
  std::stable_sort(
      rows.begin(), rows.end(),
      [&cmp](const Row& a, const Row& b) { return cmp.Compare(a, b) < 0; });
  return std::unique_ptr<RowStream>(
      std::make_unique<VectorStream>(in->fields(), std::move(rows)));
}

}  // namespace tessera::engine
