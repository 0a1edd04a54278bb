// Index options and foreign key REFERENCES clauses (CREATE TABLE, ALTER
// TABLE ADD, CREATE INDEX).
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

// An engine-defined index attribute: `name = value` (MariaDB), but not the
// ALGORITHM/LOCK clauses of CREATE INDEX.
bool IsAttributeStart(const Parser& p) {
  const Token& t = p.Peek();
  if (t.kind != Tok::kIdent || !p.Is(Tok::kEq, 1)) return false;
  if (t.kw == KW_ALGORITHM || t.kw == KW_LOCK) return false;
  return ClassOf(t.kw) != KeywordClass::kReserved;
}

bool ParseAttributeValue(Parser& p, IndexOption* o) {
  switch (p.Peek().kind) {
    case Tok::kString:
    case Tok::kInt:
    case Tok::kIdent:
    case Tok::kQuotedIdent:
      o->value = p.Text(p.Next());
      return true;
    default:
      return p.Fail();
  }
}

RefAction ParseRefAction(Parser& p) {
  if (p.AcceptKw(KW_RESTRICT)) return RefAction::kRestrict;
  if (p.AcceptKw(KW_CASCADE)) return RefAction::kCascade;
  if (p.IsKw(KW_SET) && p.IsKw(KW_NULL, 1)) {
    p.Next(), p.Next();
    return RefAction::kSetNull;
  }
  if (p.IsKw(KW_SET) && p.IsKw(KW_DEFAULT, 1)) {
    p.Next(), p.Next();
    return RefAction::kSetDefault;
  }
  if (p.IsWord("no") && p.IsKw(KW_ACTION, 1)) {
    p.Next(), p.Next();
    return RefAction::kNoAction;
  }
  p.Fail();
  return RefAction::kNone;
}

}  // namespace

bool IsIndexOptionStart(const Parser& p) {
  if (p.IsKw(KW_USING) || p.IsKw(KW_COMMENT) || p.IsKw(KW_VISIBLE) ||
      p.IsKw(KW_INVISIBLE) || p.IsWord("key_block_size") ||
      p.IsWord("ignored") || p.IsWord("engine_attribute") ||
      p.IsWord("secondary_engine_attribute")) {
    return true;
  }
  if (p.IsKw(KW_NOT) && p.IsWord("ignored", 1)) return true;
  if (p.IsKw(KW_WITH) && p.IsWord("parser", 1)) return true;
  return IsAttributeStart(p);
}

bool ParseIndexOptions(Parser& p, List<IndexOption>* out) {
  Vec<IndexOption> v(out->begin(), out->end());
  while (IsIndexOptionStart(p)) {
    IndexOption o;
    if (p.AcceptKw(KW_USING)) {
      o.kind = IndexOptionKind::kUsing;
      if (!p.IsWord("btree") && !p.IsWord("hash") && !p.IsWord("rtree"))
        return p.Fail();
      o.value = p.LowerCopy(p.Text(p.Next()));
    } else if (p.AcceptKw(KW_COMMENT)) {
      o.kind = IndexOptionKind::kComment;
      if (!p.Is(Tok::kString)) return p.Fail();
      o.text = p.ParseLiteral();
    } else if (p.IsKw(KW_VISIBLE) || p.IsKw(KW_INVISIBLE)) {
      o.kind = p.Next().kw == KW_VISIBLE ? IndexOptionKind::kVisible
                                         : IndexOptionKind::kInvisible;
    } else if (p.AcceptWord("ignored")) {
      o.kind = IndexOptionKind::kIgnored;
    } else if (p.AcceptKw(KW_NOT)) {
      p.Next();  // IGNORED
      o.kind = IndexOptionKind::kNotIgnored;
    } else if (p.AcceptWord("key_block_size")) {
      o.kind = IndexOptionKind::kKeyBlockSize;
      p.Accept(Tok::kEq);
      if (!p.Is(Tok::kInt)) return p.Fail();
      o.value = p.Text(p.Next());
    } else if (p.AcceptKw(KW_WITH)) {
      p.Next();  // PARSER
      o.kind = IndexOptionKind::kWithParser;
      Ident name;
      if (!p.ParseIdent(&name)) return false;
      o.value = name.raw;
    } else if (p.IsWord("engine_attribute") ||
               p.IsWord("secondary_engine_attribute")) {
      o.kind = IndexOptionKind::kEngineAttribute;
      o.name = p.LowerCopy(p.Text(p.Next()));
      p.Accept(Tok::kEq);
      if (!p.Is(Tok::kString)) return p.Fail();
      o.text = p.ParseLiteral();
    } else {
      o.kind = IndexOptionKind::kAttribute;
      o.name = p.LowerCopy(p.Text(p.Next()));
      p.Next();  // =
      if (!ParseAttributeValue(p, &o)) return false;
    }
    if (p.failed()) return false;
    v.push_back(o);
  }
  *out = p.ToList(v);
  return true;
}

bool ParseReferences(Parser& p, References* out) {
  if (!p.ExpectKw(KW_REFERENCES) || !p.ParseTableName(&out->table))
    return false;
  if (p.Is(Tok::kLParen) && !p.ParseIdentList(&out->columns)) return false;
  if (p.AcceptKw(KW_MATCH)) {
    if (p.AcceptKw(KW_FULL)) {
      out->match = RefMatch::kFull;
    } else if (p.AcceptWord("partial")) {
      out->match = RefMatch::kPartial;
    } else if (p.AcceptWord("simple")) {
      out->match = RefMatch::kSimple;
    } else {
      return p.Fail();
    }
  }
  while (p.IsKw(KW_ON) && (p.IsKw(KW_DELETE, 1) || p.IsKw(KW_UPDATE, 1))) {
    p.Next();
    bool del = p.Next().kw == KW_DELETE;
    RefAction& slot = del ? out->on_delete : out->on_update;
    if (slot != RefAction::kNone) return p.Fail();
    slot = ParseRefAction(p);
    if (slot == RefAction::kNone) return false;
  }
  return true;
}

}  // namespace tessera::sql
