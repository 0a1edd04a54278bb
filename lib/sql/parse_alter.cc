// ALTER TABLE: column, index and constraint changes, renames, table
// options, ALGORITHM/LOCK, partitioning (partition maintenance operations:
// parse_partition_ops.cc).
#include "lib/sql/parse_ext.h"

namespace tessera::sql {

bool Parser::ParseIfExists() {
  if (IsKw(KW_IF) && IsKw(KW_EXISTS, 1)) {
    Next(), Next();
    return true;
  }
  return false;
}

bool Parser::ParseIfNotExists() {
  if (IsKw(KW_IF) && IsKw(KW_NOT, 1) && IsKw(KW_EXISTS, 2)) {
    Next(), Next(), Next();
    return true;
  }
  return false;
}

bool Parser::ParseColumnPosition(AlterSpec* a) {
  if (AcceptKw(KW_FIRST)) {
    a->first = true;
  } else if (AcceptKw(KW_AFTER)) {
    return ParseIdent(&a->after);
  }
  return true;
}

namespace {

bool IsPartitionOp(const Parser& p) {
  switch (p.Peek().kw) {
    case KW_ADD:
    case KW_DROP:
    case KW_TRUNCATE:
    case KW_COALESCE:
    case KW_EXCHANGE:
    case KW_ANALYZE:
    case KW_CHECK:
    case KW_OPTIMIZE:
    case KW_REPAIR:
      return p.IsKw(KW_PARTITION, 1);
    default:
      return ((p.IsWord("reorganize") || p.IsWord("rebuild") ||
               p.IsWord("discard") || p.IsWord("import")) &&
              p.IsKw(KW_PARTITION, 1)) ||
             (p.IsWord("remove") && p.IsWord("partitioning", 1));
  }
}

}  // namespace

bool Parser::ParseAlterSpec(AlterSpec* a) {
  if (IsPartitionOp(*this) ||
      (IsKw(KW_CONVERT) && (IsKw(KW_PARTITION, 1) || IsKw(KW_TABLE, 1)))) {
    a->kind = AlterKind::kPartitionOp;
    a->partition_op = ParsePartitionOp(*this);
    return a->partition_op != nullptr;
  }
  if (IsKw(KW_PARTITION)) {
    a->kind = AlterKind::kPartitionBy;
    a->partition = ParsePartitionSpec();
    return a->partition != nullptr;
  }
  switch (Peek().kind == Tok::kIdent ? Peek().kw : KW_NONE) {
    case KW_ADD:
      Next();
      if (ParseVersioningSpec(*this, a, "add")) return !failed();
      switch (Peek().kw) {
        case KW_CONSTRAINT:
        case KW_PRIMARY:
        case KW_UNIQUE:
        case KW_FULLTEXT:
        case KW_SPATIAL:
        case KW_INDEX:
        case KW_KEY:
        case KW_FOREIGN:
        case KW_CHECK:
          a->kind = AlterKind::kAddIndex;
          a->index = ParseIndexDef();
          return a->index != nullptr;
        default:
          if (IsVectorIndexStart()) {
            a->kind = AlterKind::kAddIndex;
            a->index = ParseIndexDef();
            return a->index != nullptr;
          }
          break;
      }
      AcceptKw(KW_COLUMN);
      a->if_not_exists = ParseIfNotExists();
      if (Accept(Tok::kLParen)) {
        a->kind = AlterKind::kAddColumns;
        Vec<ColumnDef*> cols;
        do {
          ColumnDef* c = ParseColumnDef();
          if (c == nullptr) return false;
          cols.push_back(c);
        } while (Accept(Tok::kComma));
        a->columns = ToList(cols);
        return Expect(Tok::kRParen);
      }
      a->kind = AlterKind::kAddColumn;
      a->column = ParseColumnDef();
      return a->column != nullptr && ParseColumnPosition(a);
    case KW_CHANGE:
      Next();
      AcceptKw(KW_COLUMN);
      a->kind = AlterKind::kChangeColumn;
      a->if_exists = ParseIfExists();
      if (!ParseIdent(&a->name)) return false;
      a->column = ParseColumnDef();
      return a->column != nullptr && ParseColumnPosition(a);
    case KW_MODIFY:
      Next();
      AcceptKw(KW_COLUMN);
      a->kind = AlterKind::kModifyColumn;
      a->if_exists = ParseIfExists();
      a->column = ParseColumnDef();
      return a->column != nullptr && ParseColumnPosition(a);
    case KW_DROP:
      Next();
      if (ParseVersioningSpec(*this, a, "drop")) return !failed();
      if (IsKw(KW_PRIMARY)) {
        Next();
        a->kind = AlterKind::kDropPrimaryKey;
        return ExpectKw(KW_KEY);
      }
      if (IsKw(KW_INDEX) || IsKw(KW_KEY)) {
        Next();
        a->kind = AlterKind::kDropIndex;
      } else if (IsKw(KW_FOREIGN)) {
        Next();
        if (!ExpectKw(KW_KEY)) return false;
        a->kind = AlterKind::kDropForeignKey;
      } else if (IsKw(KW_CHECK) || IsKw(KW_CONSTRAINT)) {
        a->word = KeywordText(Next().kw);
        a->kind = AlterKind::kDropConstraint;
      } else {
        AcceptKw(KW_COLUMN);
        a->kind = AlterKind::kDropColumn;
      }
      a->if_exists = ParseIfExists();
      if (!ParseIdent(&a->name)) return false;
      if (a->kind == AlterKind::kDropColumn &&
          (IsKw(KW_RESTRICT) || IsKw(KW_CASCADE))) {
        a->word = KeywordText(Next().kw);
      }
      return true;
    case KW_ALTER:
      Next();
      if (IsKw(KW_INDEX) || IsKw(KW_KEY)) {
        Next();
        a->kind = AlterKind::kIndexVisibility;
        if (!ParseIdent(&a->name)) return false;
        if (IsWord("ignored")) {
          a->word = "ignored";
        } else if (IsKw(KW_NOT) && IsWord("ignored", 1)) {
          Next();
          a->word = "not ignored";
        } else if (!IsKw(KW_VISIBLE) && !IsKw(KW_INVISIBLE)) {
          return Fail();
        } else {
          a->word = KeywordText(Peek().kw);
        }
        Next();
        return true;
      }
      if ((IsKw(KW_CHECK) || IsKw(KW_CONSTRAINT)) && !Is(Tok::kLParen, 1)) {
        a->word = KeywordText(Next().kw);
        a->kind = AlterKind::kConstraintEnforced;
        if (!ParseIdent(&a->name)) return false;
        bool enforced_not = AcceptKw(KW_NOT);
        if (!ExpectKw(KW_ENFORCED)) return false;
        a->negated = enforced_not;
        return true;
      }
      AcceptKw(KW_COLUMN);
      if (!ParseIdent(&a->name)) return false;
      if (IsKw(KW_DROP) && IsKw(KW_DEFAULT, 1)) {
        Next(), Next();
        a->kind = AlterKind::kDropDefault;
        return true;
      }
      if (!ExpectKw(KW_SET)) return false;
      if (IsKw(KW_VISIBLE) || IsKw(KW_INVISIBLE)) {
        a->kind = AlterKind::kColumnVisibility;
        a->word = KeywordText(Next().kw);
        return true;
      }
      if (!ExpectKw(KW_DEFAULT)) return false;
      a->kind = AlterKind::kSetDefault;
      a->default_parens = Is(Tok::kLParen) && !IsQueryStart(1);
      a->default_value = ParseUnary();
      return a->default_value != nullptr;
    case KW_RENAME:
      Next();
      if (IsKw(KW_COLUMN) || IsKw(KW_INDEX) || IsKw(KW_KEY)) {
        const Token& what = Next();
        a->kind = what.kw == KW_COLUMN ? AlterKind::kRenameColumn
                                       : AlterKind::kRenameIndex;
        a->if_exists = ParseIfExists();  // MariaDB
        return ParseIdent(&a->name) && ExpectKw(KW_TO) &&
               ParseIdent(&a->new_name);
      }
      if (!AcceptKw(KW_TO)) AcceptKw(KW_AS);
      a->kind = AlterKind::kRenameTable;
      return ParseTableName(&a->table);
    case KW_CONVERT:
      Next();
      if (!ExpectKw(KW_TO)) return false;
      if (IsKw(KW_CHARACTER) && IsKw(KW_SET, 1)) {
        Next(), Next();
      } else if (!ExpectKw(KW_CHARSET)) {
        return false;
      }
      a->kind = AlterKind::kConvertCharset;
      if (!ParseAnyWord(&a->charset)) return false;
      return !AcceptKw(KW_COLLATE) || ParseAnyWord(&a->collate);
    case KW_ORDER:
      Next();
      a->kind = AlterKind::kOrderBy;
      return ExpectKw(KW_BY) && ParseOrderBy(&a->order_by);
    case KW_FORCE:
      Next();
      a->kind = AlterKind::kForce;
      return true;
    case KW_ALGORITHM:
    case KW_LOCK:
      a->kind = AlterKind::kOption;
      a->option.name = KeywordText(Next().kw);
      Accept(Tok::kEq);
      if (!Is(Tok::kIdent)) return Fail();
      a->option.value = Text(Next());
      return true;
    case KW_WITH:
      if (IsKw(KW_SYSTEM, 1)) break;  // WITH SYSTEM VERSIONING: an option
      if (!IsWord("validation", 1)) return Fail();
      Next(), Next();
      a->kind = AlterKind::kValidation;
      a->word = "with";
      return true;
    default:
      break;
  }
  if (IsWord("secondary_load") || IsWord("secondary_unload")) {
    a->kind = AlterKind::kSecondaryLoad;
    a->word = LowerCopy(Text(Next()));
    return true;
  }
  if ((IsWord("enable") || IsWord("disable")) && IsKw(KW_KEYS, 1)) {
    a->kind = AlterKind::kKeys;
    a->word = LowerCopy(Text(Next()));
    Next();
    return true;
  }
  if ((IsWord("discard") || IsWord("import")) && IsKw(KW_TABLESPACE, 1)) {
    a->kind = AlterKind::kTablespace;
    a->word = LowerCopy(Text(Next()));
    Next();
    return true;
  }
  if (IsWord("without") && IsWord("validation", 1)) {
    Next(), Next();
    a->kind = AlterKind::kValidation;
    a->word = "without";
    return true;
  }
  a->kind = AlterKind::kOption;
  return ParseTableOption(&a->option);
}

// ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] t [WAIT n | NOWAIT] spec, ...
Stmt* Parser::ParseAlterTable() {
  Next();  // ALTER
  auto* s = New<AlterTableStmt>();
  s->online = AcceptWord("online");
  s->ignore = AcceptKw(KW_IGNORE);
  if (!ExpectKw(KW_TABLE)) return nullptr;
  s->if_exists = ParseIfExists();
  if (!ParseTableName(&s->table)) return nullptr;
  if (AcceptKw(KW_NOWAIT)) {
    s->wait = "nowait";
  } else if (IsKw(KW_WAIT) && Is(Tok::kInt, 1)) {
    Next();
    s->wait = Text(Next());
  }
  Vec<AlterSpec> specs;
  while (!AtStatementEnd()) {
    AlterSpec a;
    if (!ParseAlterSpec(&a)) return nullptr;
    specs.push_back(a);
    // Specs are separated by commas; table options and a trailing
    // PARTITION BY may follow without one.
    if (!Accept(Tok::kComma) && !AtStatementEnd() &&
        !(a.kind == AlterKind::kOption || IsKw(KW_PARTITION))) {
      return Fail(), nullptr;
    }
  }
  s->specs = ToList(specs);
  return s;
}

}  // namespace tessera::sql
