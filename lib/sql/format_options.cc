// Formatting of table options, partitioning and ALTER TABLE.
#include "absl/strings/match.h"
#include "lib/sql/formatter_internal.h"
#include "lib/sql/parser_internal.h"

namespace tessera::sql {

void Formatter::TableOption(const sql::TableOption& o) {
  Put(o.name);
  if (o.kind == OptionValue::kNone) return;  // WITH SYSTEM VERSIONING
  // TABLESPACE takes no '=' in MariaDB.
  Put(o.name == "tablespace" ? " " : " = ");
  if (o.kind == OptionValue::kList) {
    Put("(");
    for (uint32_t i = 0; i < o.list.size; ++i) {
      if (i > 0) Put(", ");
      Name(o.list[i]);
    }
    Put(")");
    return;
  }
  Put(o.value);
  if (!o.storage.empty()) Put(" storage "), Put(o.storage);
}

void Formatter::TableOptions(const List<sql::TableOption>& opts) {
  for (const sql::TableOption& o : opts) {
    Put(" ");
    TableOption(o);
  }
}

namespace {

void By(Formatter& f, const PartitionBy& b) {
  if (b.linear) f.Put("linear ");
  switch (b.type) {
    case PartitionType::kHash:
      f.Put("hash (");
      f.Expr(b.expr);
      f.Put(")");
      break;
    case PartitionType::kKey:
      f.Put("key ");
      if (!b.algorithm.empty())
        f.Put("algorithm = "), f.Put(b.algorithm), f.Put(" ");
      f.Idents(b.cols);
      break;
    case PartitionType::kRange:
    case PartitionType::kList:
      f.Put(b.type == PartitionType::kRange ? "range " : "list ");
      if (b.columns) {
        f.Put("columns ");
        f.Idents(b.cols);
      } else {
        f.Put("(");
        f.Expr(b.expr);
        f.Put(")");
      }
      break;
    case PartitionType::kSystemTime:
      f.Put("system_time");
      if (b.system_time.size > 0) f.Put(" "), f.Tokens(b.system_time);
      break;
  }
}

void Def(Formatter& f, const PartitionDef& d) {
  f.Put("partition ");
  f.Ident(d.name);
  switch (d.values_kind) {
    case PartitionDef::Values::kLessThan:
      f.Put(" values less than (");
      f.Exprs(d.values);
      f.Put(")");
      break;
    case PartitionDef::Values::kLessThanMaxvalue:
      f.Put(" values less than maxvalue");
      break;
    case PartitionDef::Values::kIn:
      f.Put(" values in (");
      f.Exprs(d.values);
      f.Put(")");
      break;
    case PartitionDef::Values::kDefault:
      f.Put(" default");
      break;
    case PartitionDef::Values::kNone:
      break;
  }
  if (!d.system_time.empty()) f.Put(" "), f.Put(d.system_time);
  f.TableOptions(d.options);
  if (d.subpartitions.size > 0) {
    f.Put(" (");
    for (uint32_t i = 0; i < d.subpartitions.size; ++i) {
      if (i > 0) f.Put(", ");
      f.Put("subpartition ");
      f.Ident(d.subpartitions[i].name);
      f.TableOptions(d.subpartitions[i].options);
    }
    f.Put(")");
  }
}

}  // namespace

void Formatter::Partition(const PartitionSpec& p) {
  Put("partition by ");
  By(*this, p.by);
  if (!p.by.partitions.empty()) Put(" partitions "), Put(p.by.partitions);
  if (p.sub != nullptr) {
    Put(" subpartition by ");
    By(*this, *p.sub);
    if (!p.sub->partitions.empty())
      Put(" subpartitions "), Put(p.sub->partitions);
  }
  if (p.defs.size > 0) Put(" "), PartitionDefs(p.defs);
}

void Formatter::PartitionDefs(const List<PartitionDef>& defs, bool parens) {
  if (parens) Put("(");
  for (uint32_t i = 0; i < defs.size; ++i) {
    if (i > 0) Put(", ");
    Def(*this, defs[i]);
  }
  if (parens) Put(")");
}

namespace {

void Position(Formatter& f, const AlterSpec& a) {
  if (a.first) f.Put(" first");
  if (!a.after.empty()) f.Put(" after "), f.Ident(a.after);
}

void IfExists(Formatter& f, const AlterSpec& a) {
  if (a.if_exists) f.Put("if exists ");
}

void Spec(Formatter& f, const AlterSpec& a) {
  switch (a.kind) {
    case AlterKind::kAddColumn:
      f.Put("add column ");
      if (a.if_not_exists) f.Put("if not exists ");
      f.ColumnDef(*a.column);
      Position(f, a);
      return;
    case AlterKind::kAddColumns:
      f.Put("add column ");
      if (a.if_not_exists) f.Put("if not exists ");
      f.Put("(");
      for (uint32_t i = 0; i < a.columns.size; ++i) {
        if (i > 0) f.Put(", ");
        f.ColumnDef(*a.columns[i]);
      }
      f.Put(")");
      return;
    case AlterKind::kAddIndex:
      f.Put("add ");
      f.IndexDef(*a.index);
      return;
    case AlterKind::kChangeColumn:
      f.Put("change column ");
      IfExists(f, a);
      f.Ident(a.name);
      f.Put(" ");
      f.ColumnDef(*a.column);
      Position(f, a);
      return;
    case AlterKind::kModifyColumn:
      f.Put("modify column ");
      IfExists(f, a);
      f.ColumnDef(*a.column);
      Position(f, a);
      return;
    case AlterKind::kDropColumn:
      f.Put("drop column ");
      IfExists(f, a);
      f.Ident(a.name);
      if (!a.word.empty()) f.Put(" "), f.Put(a.word);
      return;
    case AlterKind::kDropPrimaryKey:
      f.Put("drop primary key");
      return;
    case AlterKind::kDropIndex:
    case AlterKind::kDropForeignKey:
    case AlterKind::kDropConstraint:
      f.Put(a.kind == AlterKind::kDropIndex        ? "drop key "
            : a.kind == AlterKind::kDropForeignKey ? "drop foreign key "
                                                   : "drop ");
      if (a.kind == AlterKind::kDropConstraint) f.Put(a.word), f.Put(" ");
      IfExists(f, a);
      f.Ident(a.name);
      return;
    case AlterKind::kSetDefault:
      f.Put("alter column ");
      f.Ident(a.name);
      f.Put(" set default ");
      if (a.default_parens) f.Put("(");
      f.Expr(a.default_value, a.default_parens ? 0 : kPrecUnary);
      if (a.default_parens) f.Put(")");
      return;
    case AlterKind::kDropDefault:
      f.Put("alter column ");
      f.Ident(a.name);
      f.Put(" drop default");
      return;
    case AlterKind::kColumnVisibility:
      f.Put("alter column ");
      f.Ident(a.name);
      f.Put(" set "), f.Put(a.word);
      return;
    case AlterKind::kIndexVisibility:
      f.Put("alter index ");
      f.Ident(a.name);
      f.Put(" "), f.Put(a.word);
      return;
    case AlterKind::kConstraintEnforced:
      f.Put("alter "), f.Put(a.word), f.Put(" ");
      f.Ident(a.name);
      f.Put(a.negated ? " not enforced" : " enforced");
      return;
    case AlterKind::kRenameColumn:
    case AlterKind::kRenameIndex:
      f.Put(a.kind == AlterKind::kRenameColumn ? "rename column "
                                               : "rename key ");
      if (a.if_exists) f.Put("if exists ");
      f.Ident(a.name);
      f.Put(" to ");
      f.Ident(a.new_name);
      return;
    case AlterKind::kRenameTable:
      f.Put("rename to ");
      f.Name(a.table);
      return;
    case AlterKind::kConvertCharset:
      f.Put("convert to character set ");
      // DEFAULT (the database's character set) is a keyword, not a name.
      if (a.charset.quote == 0 &&
          absl::EqualsIgnoreCase(a.charset.raw, "default")) {
        f.Put("default");
      } else {
        f.Ident(a.charset);
      }
      if (!a.collate.empty()) f.Put(" collate "), f.Ident(a.collate);
      return;
    case AlterKind::kOption:
      f.TableOption(a.option);
      return;
    case AlterKind::kKeys:
      f.Put(a.word), f.Put(" keys");
      return;
    case AlterKind::kTablespace:
      f.Put(a.word), f.Put(" tablespace");
      return;
    case AlterKind::kForce:
      f.Put("force");
      return;
    case AlterKind::kSecondaryLoad:
      f.Put(a.word);
      return;
    case AlterKind::kOrderBy:
      f.Put("order by ");
      f.OrderBy(a.order_by);
      return;
    case AlterKind::kValidation:
      f.Put(a.word), f.Put(" validation");
      return;
    case AlterKind::kPartitionOp:
      f.PartitionOp(*a.partition_op);
      return;
    case AlterKind::kPartitionBy:
      f.Partition(*a.partition);
      return;
    case AlterKind::kSystemVersioning:
      f.Put(a.word), f.Put(" system versioning");
      return;
    case AlterKind::kAddPeriod:
      f.Put("add ");
      f.Period(*a.period, a.if_not_exists);
      return;
    case AlterKind::kDropPeriod:
      f.Put(a.if_exists ? "drop period if exists for " : "drop period for ");
      if (a.period->system_time) {
        f.Put("system_time");
      } else {
        f.Ident(a.period->name);
      }
      return;
  }
}

}  // namespace

void Formatter::AlterTable(const AlterTableStmt& s) {
  Put("alter ");
  if (s.online) Put("online ");
  if (s.ignore) Put("ignore ");
  Put("table ");
  if (s.if_exists) Put("if exists ");
  Name(s.table);
  if (s.wait == "nowait") {
    Put(" nowait");
  } else if (!s.wait.empty()) {
    Put(" wait "), Put(s.wait);
  }
  for (uint32_t i = 0; i < s.specs.size; ++i) {
    // A PARTITION BY after other specs takes no comma.
    bool partition = s.specs[i].kind == AlterKind::kPartitionBy;
    Put(i == 0 ? " " : partition ? " " : ", ");
    Spec(*this, s.specs[i]);
  }
}

}  // namespace tessera::sql
