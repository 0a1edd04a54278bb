// Formatting of ALTER TABLE partition maintenance operations.
#include "lib/sql/formatter_internal.h"

namespace tessera::sql {
namespace {

const char* VerbOf(PartitionOpKind k) {
  switch (k) {
    case PartitionOpKind::kAdd:
      return "add";
    case PartitionOpKind::kDrop:
      return "drop";
    case PartitionOpKind::kDiscard:
      return "discard";
    case PartitionOpKind::kImport:
      return "import";
    case PartitionOpKind::kTruncate:
      return "truncate";
    case PartitionOpKind::kCoalesce:
      return "coalesce";
    case PartitionOpKind::kReorganize:
      return "reorganize";
    case PartitionOpKind::kExchange:
      return "exchange";
    case PartitionOpKind::kAnalyze:
      return "analyze";
    case PartitionOpKind::kCheck:
      return "check";
    case PartitionOpKind::kOptimize:
      return "optimize";
    case PartitionOpKind::kRebuild:
      return "rebuild";
    case PartitionOpKind::kRepair:
      return "repair";
    case PartitionOpKind::kRemove:
      return "remove";
    case PartitionOpKind::kToTable:
    case PartitionOpKind::kFromTable:
      return "convert";
  }
  return "";
}

void Names(Formatter& f, const PartitionOp& op) {
  if (op.all) {
    f.Put(" all");
    return;
  }
  for (uint32_t i = 0; i < op.names.size; ++i) {
    f.Put(i == 0 ? " " : ", ");
    f.Ident(op.names[i]);
  }
}

}  // namespace

void Formatter::PartitionOp(const sql::PartitionOp& op) {
  Put(VerbOf(op.kind));
  switch (op.kind) {
    case PartitionOpKind::kRemove:
      Put(" partitioning");
      return;
    case PartitionOpKind::kFromTable:
      Put(" table "), Name(op.table), Put(" to ");
      PartitionDefs(op.defs, /*parens=*/false);
      return;
    default:
      break;
  }
  Put(" partition");
  switch (op.kind) {
    case PartitionOpKind::kAdd:
      if (op.if_not_exists) Put(" if not exists");
      if (!op.count.empty()) {
        Put(" partitions "), Put(op.count);
      } else {
        Put(" "), PartitionDefs(op.defs);
      }
      return;
    case PartitionOpKind::kCoalesce:
      Put(" "), Put(op.count);
      return;
    case PartitionOpKind::kDrop:
      if (op.if_exists) Put(" if exists");
      Names(*this, op);
      return;
    case PartitionOpKind::kReorganize:
      Names(*this, op);
      if (op.defs.size > 0) Put(" into "), PartitionDefs(op.defs);
      return;
    case PartitionOpKind::kExchange:
      Names(*this, op);
      Put(" with table "), Name(op.table);
      if (!op.validation.empty())
        Put(" "), Put(op.validation), Put(" validation");
      return;
    case PartitionOpKind::kToTable:
      Names(*this, op);
      Put(" to table "), Name(op.table);
      return;
    case PartitionOpKind::kDiscard:
    case PartitionOpKind::kImport:
      Names(*this, op);
      Put(" tablespace");
      return;
    default:
      Names(*this, op);
      return;
  }
}

}  // namespace tessera::sql
