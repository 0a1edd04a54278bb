#include "lib/engine/pullout.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/sqltypes/kind.h"

namespace tessera::engine {

absl::Status PulloutSubquery::Bind(ExecContext& ctx, BindVars& vars) const {
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> in,
                           spec_.subquery->Open(ctx, vars));
  const std::vector<Field>& fields = in->fields();
  if (spec_.kind != PulloutKind::kExists && fields.size() != 1) {
    return MysqlError(1241, "21000", "Operand should contain 1 column(s)");
  }
  auto typed = [&](const Row& row) {
    return TypedValue::FromCell(row[0], sqltypes::KindOf(fields[0]),
                                fields[0].charset);
  };
  Row row;
  switch (spec_.kind) {
    case PulloutKind::kExists: {
      TESSERA_ASSIGN_OR_RETURN(bool any, in->Next(&row));
      vars[spec_.var] = BindVariable::Single(TypedValue::Int(any ? 1 : 0));
      return absl::OkStatus();
    }
    case PulloutKind::kValue: {
      TESSERA_ASSIGN_OR_RETURN(bool any, in->Next(&row));
      TypedValue v = TypedValue::Null();
      if (any) {
        if (row.size() != 1) return InternalMysqlError("pullout: row width");
        v = typed(row);
        TESSERA_ASSIGN_OR_RETURN(bool more, in->Next(&row));
        if (more) {
          return MysqlError(1242, "21000", "Subquery returns more than 1 row");
        }
      }
      vars[spec_.var] = BindVariable::Single(std::move(v));
      return absl::OkStatus();
    }
    case PulloutKind::kIn: {
      MemoryBudget budget(ctx.limits, "IN subquery values");
      std::vector<TypedValue> values;
      while (true) {
        TESSERA_ASSIGN_OR_RETURN(bool more, in->Next(&row));
        if (!more) break;
        if (row.size() != 1) return InternalMysqlError("pullout: row width");
        TESSERA_RETURN_IF_ERROR(budget.Add(row));
        values.push_back(typed(row));
      }
      bool has = !values.empty();
      if (!has) values.push_back(TypedValue::Null());
      vars[spec_.var] = BindVariable::List(std::move(values));
      vars[spec_.has_values_var] =
          BindVariable::Single(TypedValue::Int(has ? 1 : 0));
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<RowStream>> PulloutSubquery::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  BindVars vars = bind_vars;
  TESSERA_RETURN_IF_ERROR(Bind(ctx, vars));
  return spec_.outer->Open(ctx, vars);
}

std::string PulloutSubquery::Describe() const {
  switch (spec_.kind) {
    case PulloutKind::kValue:
      return absl::StrCat("PulloutSubquery value :", spec_.var);
    case PulloutKind::kIn:
      return absl::StrCat("PulloutSubquery in ::", spec_.var, " :",
                          spec_.has_values_var);
    case PulloutKind::kExists:
      return absl::StrCat("PulloutSubquery exists :", spec_.var);
  }
  return "PulloutSubquery";
}

}  // namespace tessera::engine
