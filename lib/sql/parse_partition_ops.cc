// Partition maintenance operations of ALTER TABLE.
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

// names | ALL (when `all_ok`).
bool ParseNames(Parser& p, PartitionOp* op, bool all_ok) {
  if (all_ok && p.AcceptKw(KW_ALL)) {
    op->all = true;
    return true;
  }
  Vec<Ident> v;
  do {
    Ident id;
    if (!p.ParseIdent(&id)) return false;
    v.push_back(id);
  } while (p.Accept(Tok::kComma));
  op->names = p.ToList(v);
  return true;
}

// (PARTITION p ..., ...)
bool ParseDefs(Parser& p, PartitionOp* op) {
  return p.Expect(Tok::kLParen) && p.ParsePartitionDefs(&op->defs) &&
         p.Expect(Tok::kRParen);
}

PartitionOpKind KindOf(const Parser& p) {
  switch (p.Peek().kw) {
    case KW_ADD:
      return PartitionOpKind::kAdd;
    case KW_DROP:
      return PartitionOpKind::kDrop;
    case KW_TRUNCATE:
      return PartitionOpKind::kTruncate;
    case KW_COALESCE:
      return PartitionOpKind::kCoalesce;
    case KW_EXCHANGE:
      return PartitionOpKind::kExchange;
    case KW_ANALYZE:
      return PartitionOpKind::kAnalyze;
    case KW_CHECK:
      return PartitionOpKind::kCheck;
    case KW_OPTIMIZE:
      return PartitionOpKind::kOptimize;
    case KW_REPAIR:
      return PartitionOpKind::kRepair;
    case KW_CONVERT:
      return p.IsKw(KW_PARTITION, 1) ? PartitionOpKind::kToTable
                                     : PartitionOpKind::kFromTable;
    default:
      break;
  }
  if (p.IsWord("reorganize")) return PartitionOpKind::kReorganize;
  if (p.IsWord("rebuild")) return PartitionOpKind::kRebuild;
  if (p.IsWord("discard")) return PartitionOpKind::kDiscard;
  if (p.IsWord("import")) return PartitionOpKind::kImport;
  return PartitionOpKind::kRemove;
}

bool ParseExchange(Parser& p, PartitionOp* op) {
  Ident name;
  if (!p.ParseIdent(&name)) return false;
  op->names = p.ToList(Vec<Ident>{name});
  if (!p.ExpectKw(KW_WITH) || !p.ExpectKw(KW_TABLE) ||
      !p.ParseTableName(&op->table)) {
    return false;
  }
  if ((p.IsKw(KW_WITH) || p.IsWord("without")) && p.IsWord("validation", 1)) {
    op->validation = p.IsKw(KW_WITH) ? "with" : "without";
    p.Next(), p.Next();
  }
  return true;
}

}  // namespace

PartitionOp* ParsePartitionOp(Parser& p) {
  auto* op = p.New<PartitionOp>();
  op->kind = KindOf(p);
  p.Next();
  if (op->kind == PartitionOpKind::kRemove) {
    p.Next();  // PARTITIONING
    return op;
  }
  if (op->kind == PartitionOpKind::kFromTable) {
    // CONVERT TABLE t TO PARTITION p VALUES ...
    p.Next();  // TABLE
    if (!p.ParseTableName(&op->table) || !p.ExpectKw(KW_TO)) return nullptr;
    return p.ParsePartitionDefs(&op->defs) ? op : nullptr;
  }
  p.Next();  // PARTITION
  bool ok = true;
  switch (op->kind) {
    case PartitionOpKind::kAdd:
      op->if_not_exists = p.ParseIfNotExists();
      if (p.AcceptKw(KW_PARTITIONS)) {
        if (!p.Is(Tok::kInt)) return p.Fail(), nullptr;
        op->count = p.Text(p.Next());
      } else {
        ok = ParseDefs(p, op);
      }
      break;
    case PartitionOpKind::kDrop:
      op->if_exists = p.ParseIfExists();
      ok = ParseNames(p, op, false);
      break;
    case PartitionOpKind::kCoalesce:
      if (!p.Is(Tok::kInt)) return p.Fail(), nullptr;
      op->count = p.Text(p.Next());
      break;
    case PartitionOpKind::kReorganize:
      // Without names: rebuild a HASH/KEY table's partitions.
      if (p.AtStatementEnd() || p.Is(Tok::kComma)) break;
      ok = ParseNames(p, op, false) && p.ExpectKw(KW_INTO) && ParseDefs(p, op);
      break;
    case PartitionOpKind::kExchange:
      ok = ParseExchange(p, op);
      break;
    case PartitionOpKind::kToTable:
      ok = ParseNames(p, op, false) && op->names.size == 1 &&
           p.ExpectKw(KW_TO) && p.ExpectKw(KW_TABLE) &&
           p.ParseTableName(&op->table);
      break;
    case PartitionOpKind::kDiscard:
    case PartitionOpKind::kImport:
      ok = ParseNames(p, op, true) && p.ExpectKw(KW_TABLESPACE);
      break;
    default:  // TRUNCATE/ANALYZE/CHECK/OPTIMIZE/REBUILD/REPAIR
      ok = ParseNames(p, op, true);
      break;
  }
  return ok && !p.failed() ? op : nullptr;
}

}  // namespace tessera::sql
