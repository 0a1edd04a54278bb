// Formatting of CREATE TABLE (options/partitions: format_options.cc).
#include "lib/sql/formatter_internal.h"
#include "lib/sql/parser_internal.h"

namespace tessera::sql {
namespace {

void Parts(Formatter& f, const List<IndexPart>& parts) {
  f.Put("(");
  for (uint32_t i = 0; i < parts.size; ++i) {
    const IndexPart& p = parts[i];
    if (i > 0) f.Put(", ");
    if (p.expr != nullptr) {
      f.Put("(");
      f.Expr(p.expr);
      f.Put(")");
    } else {
      f.Ident(p.column);
      if (!p.length.empty()) f.Put("("), f.Put(p.length), f.Put(")");
    }
    if (p.dir == OrderDir::kDesc) f.Put(" desc");
    if (p.without_overlaps) f.Put(" without overlaps");
  }
  f.Put(")");
}

void Enforced(Formatter& f, int8_t enforced) {
  if (enforced == 0) f.Put(" not enforced");
  if (enforced == 1) f.Put(" enforced");
}

// Attributes printed after COMMENT (before CHECK and REFERENCES, which
// MariaDB wants last).
void Attributes(Formatter& f, const sql::ColumnDef& c) {
  if (!c.visibility.empty()) f.Put(" "), f.Put(c.visibility);
  if (!c.column_format.empty())
    f.Put(" column_format "), f.Put(c.column_format);
  if (!c.storage.empty()) f.Put(" storage "), f.Put(c.storage);
  if (!c.srid.empty()) f.Put(" srid "), f.Put(c.srid);
  if (!c.ref_system_id.empty())
    f.Put(" ref_system_id = "), f.Put(c.ref_system_id);
  if (c.serial_default_value) f.Put(" serial default value");
  if (!c.versioning.empty())
    f.Put(" "), f.Put(c.versioning), f.Put(" system versioning");
}

}  // namespace

void Formatter::Period(const PeriodDef& p, bool if_not_exists) {
  Formatter& f = *this;
  f.Put(if_not_exists ? "period if not exists for " : "period for ");
  if (p.system_time) {
    f.Put("system_time");
  } else {
    f.Ident(p.name);
  }
  f.Put(" (");
  f.Ident(p.start);
  f.Put(", ");
  f.Ident(p.end);
  f.Put(")");
}

void Formatter::IndexDef(const sql::IndexDef& d) {
  Formatter& f = *this;
  if (d.has_constraint) {
    f.Put("constraint ");
    if (!d.constraint.empty()) f.Ident(d.constraint), f.Put(" ");
  }
  switch (d.kind) {
    case IndexKind::kPrimary:
      f.Put("primary key ");
      break;
    case IndexKind::kUnique:
      f.Put("unique key ");
      break;
    case IndexKind::kFulltext:
      f.Put("fulltext key ");
      break;
    case IndexKind::kSpatial:
      f.Put("spatial key ");
      break;
    case IndexKind::kVector:
      f.Put("vector key ");
      break;
    case IndexKind::kIndex:
      f.Put("key ");
      break;
    case IndexKind::kForeign:
      f.Put("foreign key ");
      break;
    case IndexKind::kCheck:
      f.Put("check (");
      f.Expr(d.check);
      f.Put(")");
      Enforced(f, d.enforced);
      return;
  }
  if (d.if_not_exists) f.Put("if not exists ");
  if (!d.name.empty()) f.Ident(d.name), f.Put(" ");
  if (d.kind != IndexKind::kForeign) {
    IndexParts(d);
    return;
  }
  Parts(f, d.parts);
  f.Put(" ");
  f.References(d.ref);
}

void Formatter::IndexParts(const sql::IndexDef& d) {
  Parts(*this, d.parts);
  IndexOptions(d.options);
}

void Formatter::ColumnDef(const sql::ColumnDef& c) {
  Formatter& f = *this;
  f.Ident(c.name);
  f.Put(" ");
  f.Type(*c.type);
  if (c.compressed) {
    f.Put(" compressed");
    if (!c.compression.empty()) f.Put("="), f.Ident(c.compression);
  }
  if (!c.row_period.empty())
    f.Put(" generated always as row "), f.Put(c.row_period);
  if (c.generated != nullptr) {
    f.Put(" as (");
    f.Expr(c.generated);
    f.Put(c.stored ? ") stored" : ") virtual");
  }
  if (c.nullable == 0) f.Put(" not null");
  if (c.nullable == 1) f.Put(" null");
  if (c.default_value != nullptr) {
    f.Put(" default ");
    if (c.default_parens) f.Put("(");
    f.Expr(c.default_value, c.default_parens ? 0 : kPrecUnary);
    if (c.default_parens) f.Put(")");
  }
  if (c.on_update != nullptr) {
    f.Put(" on update ");
    f.Expr(c.on_update, kPrecUnary);
  }
  if (c.auto_increment) f.Put(" auto_increment");
  if (c.unique_key) f.Put(" unique key");
  if (c.primary_key) f.Put(" primary key");
  if (c.comment != nullptr) f.Put(" comment "), f.Literal(*c.comment);
  Attributes(f, c);
  if (c.check_constraint) {
    f.Put(" constraint");
    if (!c.check_name.empty()) f.Put(" "), f.Ident(c.check_name);
  }
  if (c.check != nullptr) {
    f.Put(" check (");
    f.Expr(c.check);
    f.Put(")");
    Enforced(f, c.check_enforced);
  }
  for (const ColumnCheck& k : c.more_checks) {
    if (k.constraint) {
      f.Put(" constraint");
      if (!k.name.empty()) f.Put(" "), f.Ident(k.name);
    }
    f.Put(" check (");
    f.Expr(k.expr);
    f.Put(")");
    Enforced(f, k.enforced);
  }
  if (c.references != nullptr) f.Put(" "), f.References(*c.references);
}

void Formatter::CreateTable(const CreateTableStmt& s) {
  Put("create ");
  if (s.or_replace) Put("or replace ");
  if (s.temporary) Put("temporary ");
  Put("table ");
  if (s.if_not_exists) Put("if not exists ");
  Name(s.name);
  if (s.has_like) {
    Put(" like ");
    Name(s.like);
    return;
  }
  if (s.elements.size > 0) {
    Put(" (");
    for (uint32_t i = 0; i < s.elements.size; ++i) {
      if (i > 0) Put(", ");
      const TableElement& e = s.elements[i];
      if (e.column != nullptr) {
        ColumnDef(*e.column);
      } else if (e.period != nullptr) {
        Period(*e.period);
      } else {
        IndexDef(*e.index);
      }
    }
    Put(")");
  }
  TableOptions(s.options);
  if (s.partition != nullptr) Put(" "), Partition(*s.partition);
  if (!s.duplicates.empty()) Put(" "), Put(s.duplicates);
  if (s.query != nullptr) {
    Put(" as ");
    Query(s.query);
  }
}

}  // namespace tessera::sql
