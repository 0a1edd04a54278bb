// CREATE TABLE with column definitions, indexes and constraints (table
// options and partitioning: parse_options.cc).
#include "lib/sql/parse_ext.h"

namespace tessera::sql {

bool Parser::ParseKeyParts(List<IndexPart>* out) {
  if (!Expect(Tok::kLParen)) return false;
  Vec<IndexPart> v;
  do {
    IndexPart part;
    if (Is(Tok::kLParen)) {
      Next();
      part.expr = ParseExpr();
      if (part.expr == nullptr || !Expect(Tok::kRParen)) return false;
    } else {
      if (!ParseIdent(&part.column)) return false;
      if (Accept(Tok::kLParen)) {
        if (!Is(Tok::kInt)) return Fail();
        part.length = Text(Next());
        if (!Expect(Tok::kRParen)) return false;
      }
    }
    if (AcceptKw(KW_DESC)) {
      part.dir = OrderDir::kDesc;
    } else if (!AcceptKw(KW_ASC) && IsWord("without") &&
               IsWord("overlaps", 1)) {
      Next(), Next();
      part.without_overlaps = true;
    }
    v.push_back(part);
  } while (Accept(Tok::kComma));
  *out = ToList(v);
  return Expect(Tok::kRParen);
}

// Index options up to ',' or ')' at this level.
List<Token> Parser::TokensUntilElementEnd() {
  Vec<Token> v;
  int depth = 0;
  while (!AtStatementEnd()) {
    if (depth == 0 && (Is(Tok::kComma) || Is(Tok::kRParen))) break;
    if (Is(Tok::kLParen)) ++depth;
    if (Is(Tok::kRParen)) --depth;
    v.push_back(Next());
  }
  return ToList(v);
}

bool Parser::IsVectorIndexStart() const {
  return IsWord("vector") && (IsKw(KW_INDEX, 1) || IsKw(KW_KEY, 1));
}

IndexDef* Parser::ParseIndexDef() {
  auto* d = New<IndexDef>();
  if (AcceptKw(KW_CONSTRAINT)) {
    d->has_constraint = true;
    if (IsIdent() && !IsKw(KW_CHECK)) ParseIdent(&d->constraint);
  }
  Keyword k = Peek().kw;
  switch (k) {
    case KW_PRIMARY:
      Next();
      if (!ExpectKw(KW_KEY)) return nullptr;
      d->kind = IndexKind::kPrimary;
      break;
    case KW_UNIQUE:
      Next();
      if (!AcceptKw(KW_KEY)) AcceptKw(KW_INDEX);
      d->kind = IndexKind::kUnique;
      break;
    case KW_FULLTEXT:
    case KW_SPATIAL:
      Next();
      if (!AcceptKw(KW_KEY)) AcceptKw(KW_INDEX);
      d->kind = k == KW_FULLTEXT ? IndexKind::kFulltext : IndexKind::kSpatial;
      break;
    case KW_INDEX:
    case KW_KEY:
      if (d->has_constraint) return Fail(), nullptr;
      Next();
      d->kind = IndexKind::kIndex;
      break;
    case KW_FOREIGN:
      Next();
      if (!ExpectKw(KW_KEY)) return nullptr;
      d->kind = IndexKind::kForeign;
      break;
    case KW_NONE:  // MariaDB VECTOR {INDEX|KEY}
      if (!IsVectorIndexStart()) return Fail(), nullptr;
      Next(), Next();
      d->kind = IndexKind::kVector;
      break;
    case KW_CHECK:
      Next();
      d->kind = IndexKind::kCheck;
      if (!Expect(Tok::kLParen)) return nullptr;
      d->check = ParseExpr();
      if (d->check == nullptr || !Expect(Tok::kRParen)) return nullptr;
      ParseEnforced(*this, &d->enforced);
      return d;
    default:
      return Fail(), nullptr;
  }
  d->if_not_exists = ParseIfNotExists();
  if (IsIdent() && !IsKw(KW_USING)) ParseIdent(&d->name);
  // USING BTREE before the key parts is kept as an option after them.
  if (IsKw(KW_USING) && d->kind != IndexKind::kForeign &&
      !ParseIndexOptions(*this, &d->options)) {
    return nullptr;
  }
  if (!ParseKeyParts(&d->parts)) return nullptr;
  if (d->kind == IndexKind::kForeign) {
    return ParseReferences(*this, &d->ref) ? d : nullptr;
  }
  return ParseIndexOptions(*this, &d->options) ? d : nullptr;
}

ColumnDef* Parser::ParseColumnDef() {
  auto* c = New<ColumnDef>();
  if (!ParseIdent(&c->name)) return nullptr;
  c->type = ParseDataType(false);
  if (c->type == nullptr) return nullptr;
  Vec<ColumnCheck> more_checks;
  while (!Is(Tok::kComma) && !Is(Tok::kRParen) && !AtStatementEnd() &&
         !IsKw(KW_FIRST) && !IsKw(KW_AFTER) && !IsKw(KW_PARTITION)) {
    ColumnAttr attr = ParseColumnAttribute(*this, c);
    if (attr == ColumnAttr::kError) return nullptr;
    if (attr == ColumnAttr::kDone) continue;
    if (IsKw(KW_NOT) && IsKw(KW_NULL, 1)) {
      Next(), Next();
      c->nullable = 0;
    } else if (AcceptKw(KW_NULL)) {
      c->nullable = 1;
    } else if (AcceptKw(KW_DEFAULT)) {
      c->default_parens = Is(Tok::kLParen) && !IsQueryStart(1);
      c->default_value = ParseUnary();
      if (c->default_value == nullptr) return nullptr;
    } else if (IsKw(KW_ON) && IsKw(KW_UPDATE, 1)) {
      Next(), Next();
      c->on_update = ParseUnary();
      if (c->on_update == nullptr) return nullptr;
    } else if (AcceptKw(KW_AUTO_INCREMENT)) {
      c->auto_increment = true;
    } else if (AcceptKw(KW_UNIQUE)) {
      AcceptKw(KW_KEY);
      c->unique_key = true;
    } else if (IsKw(KW_PRIMARY) || IsKw(KW_KEY)) {
      if (Next().kw == KW_PRIMARY && !ExpectKw(KW_KEY)) return nullptr;
      c->primary_key = true;
    } else if (AcceptKw(KW_COMMENT)) {
      if (!Is(Tok::kString)) return Fail(), nullptr;
      c->comment = ParseLiteral();
    } else if (AcceptKw(KW_COLLATE)) {
      if (!ParseAnyWord(&c->type->collate)) return nullptr;
    } else if (IsKw(KW_GENERATED) || IsKw(KW_AS)) {
      if (AcceptKw(KW_GENERATED) && !ExpectKw(KW_ALWAYS)) return nullptr;
      if (!ExpectKw(KW_AS) || !Expect(Tok::kLParen)) return nullptr;
      c->generated = ParseExpr();
      if (c->generated == nullptr || !Expect(Tok::kRParen)) return nullptr;
      if (AcceptKw(KW_STORED) || AcceptKw(KW_PERSISTENT))
        c->stored = true;
      else
        AcceptKw(KW_VIRTUAL);
    } else if ((IsKw(KW_CHECK) || IsKw(KW_CONSTRAINT)) && c->check != nullptr) {
      ColumnCheck k;
      if (!ParseColumnCheck(*this, &k)) return nullptr;
      more_checks.push_back(k);
    } else if (IsKw(KW_CHECK) || IsKw(KW_CONSTRAINT)) {
      if (AcceptKw(KW_CONSTRAINT)) {
        c->check_constraint = true;
        if (!IsKw(KW_CHECK) && !ParseIdent(&c->check_name)) return nullptr;
      }
      if (!ExpectKw(KW_CHECK) || !Expect(Tok::kLParen)) return nullptr;
      c->check = ParseExpr();
      if (c->check == nullptr || !Expect(Tok::kRParen)) return nullptr;
    } else if (IsKw(KW_REFERENCES)) {
      if (c->references != nullptr) return Fail(), nullptr;
      c->references = New<References>();
      if (!ParseReferences(*this, c->references)) return nullptr;
    } else {
      return Fail(), nullptr;
    }
  }
  c->more_checks = ToList(more_checks);
  return c;
}

Stmt* Parser::ParseCreateTable() {
  Next();  // CREATE
  auto* s = New<CreateTableStmt>();
  if (IsKw(KW_OR) && IsKw(KW_REPLACE, 1)) Next(), Next(), s->or_replace = true;
  s->temporary = AcceptKw(KW_TEMPORARY);
  if (!ExpectKw(KW_TABLE)) return nullptr;
  if (IsKw(KW_IF) && IsKw(KW_NOT, 1) && IsKw(KW_EXISTS, 2)) {
    Next(), Next(), Next();
    s->if_not_exists = true;
  }
  if (!ParseTableName(&s->name)) return nullptr;
  if (AcceptKw(KW_LIKE) ||
      (Is(Tok::kLParen) && IsKw(KW_LIKE, 1) && (Next(), Next(), true))) {
    s->has_like = true;
    if (!ParseTableName(&s->like)) return nullptr;
    if (cur_[-3].kind == Tok::kLParen && !Expect(Tok::kRParen)) {
      return nullptr;
    }
    return s;
  }
  if (Is(Tok::kLParen) && !IsQueryStart(1) && !Is(Tok::kLParen, 1)) {
    Next();
    Vec<TableElement> elems;
    do {
      TableElement e;
      switch (Peek().kind == Tok::kIdent ? Peek().kw : KW_NONE) {
        case KW_CONSTRAINT:
        case KW_PRIMARY:
        case KW_UNIQUE:
        case KW_FULLTEXT:
        case KW_SPATIAL:
        case KW_INDEX:
        case KW_KEY:
        case KW_FOREIGN:
        case KW_CHECK:
          e.index = ParseIndexDef();
          if (e.index == nullptr) return nullptr;
          break;
        default:
          if (IsVectorIndexStart()) {
            e.index = ParseIndexDef();
            if (e.index == nullptr) return nullptr;
            break;
          }
          if (IsPeriodStart(*this)) {
            Next();  // PERIOD
            e.period = ParsePeriod(*this);
            if (e.period == nullptr) return nullptr;
            break;
          }
          e.column = ParseColumnDef();
          if (e.column == nullptr) return nullptr;
      }
      elems.push_back(e);
    } while (Accept(Tok::kComma));
    if (!Expect(Tok::kRParen)) return nullptr;
    s->elements = ToList(elems);
  }
  if (!ParseTableOptions(&s->options, /*commas=*/true)) return nullptr;
  if (IsKw(KW_PARTITION)) {
    s->partition = ParsePartitionSpec();
    if (s->partition == nullptr) return nullptr;
  }
  if (IsKw(KW_IGNORE) || IsKw(KW_REPLACE))
    s->duplicates = KeywordText(Next().kw);
  AcceptKw(KW_AS);
  if (IsQueryStart() || Is(Tok::kLParen)) {
    s->query = ParseQueryExpr();
    if (s->query == nullptr) return nullptr;
  } else if (!s->duplicates.empty()) {
    return Fail(), nullptr;
  }
  if (s->elements.empty() && s->query == nullptr) return Fail(), nullptr;
  return s;
}

}  // namespace tessera::sql
