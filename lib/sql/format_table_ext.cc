// Formatting of FOR SYSTEM_TIME and JSON_TABLE.
#include "lib/sql/formatter_internal.h"
#include "lib/sql/parser_internal.h"

namespace tessera::sql {
namespace {

void Point(Formatter& f, absl::string_view unit, const Expr* e) {
  if (!unit.empty()) f.Put(unit), f.Put(" ");
  f.Expr(e, kPrecBitOr);
}

void Response(Formatter& f, JtResponse r, const Literal* def,
              absl::string_view on) {
  f.JsonResponse(r, def, on);
}

void Columns(Formatter& f, const List<JtColumn>& cols) {
  f.Put(" columns (");
  for (uint32_t i = 0; i < cols.size; ++i) {
    const JtColumn& c = cols[i];
    if (i > 0) f.Put(", ");
    if (c.kind == JtColumnKind::kNested) {
      f.Put("nested path ");
      f.Literal(*c.path);
      Columns(f, c.nested);
      continue;
    }
    f.Ident(c.name);
    if (c.kind == JtColumnKind::kOrdinality) {
      f.Put(" for ordinality");
      continue;
    }
    f.Put(" ");
    f.Type(*c.type);
    f.Put(c.kind == JtColumnKind::kExistsPath ? " exists path " : " path ");
    f.Literal(*c.path);
    Response(f, c.on_empty, c.empty_default, " on empty");
    Response(f, c.on_error, c.error_default, " on error");
  }
  f.Put(")");
}

}  // namespace

void Formatter::SystemTime(const sql::SystemTime& st) {
  Put(" for system_time ");
  switch (st.kind) {
    case SystemTimeKind::kAll:
      Put("all");
      return;
    case SystemTimeKind::kAsOf:
      Put("as of ");
      Point(*this, st.unit, st.from);
      return;
    case SystemTimeKind::kBetween:
    case SystemTimeKind::kFromTo:
      Put(st.kind == SystemTimeKind::kBetween ? "between " : "from ");
      Point(*this, st.unit, st.from);
      Put(st.kind == SystemTimeKind::kBetween ? " and " : " to ");
      Point(*this, st.unit2, st.to);
      return;
  }
}

void Formatter::BeforeSystemTime(const sql::SystemTime& st) {
  Put(" before system_time ");
  Point(*this, st.unit, st.from);
}

void Formatter::JsonTable(const sql::JsonTable& j) {
  Put("json_table(");
  Expr(j.expr);
  Put(", ");
  Literal(*j.path);
  Columns(*this, j.columns);
  Put(")");
  if (!j.alias.empty()) Put(" as "), Ident(j.alias);
}

}  // namespace tessera::sql
