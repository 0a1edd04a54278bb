// MariaDB CREATE/ALTER/DROP SEQUENCE.
#include "absl/strings/str_cat.h"
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

// [-|+] integer, kept as one signed string.
bool SignedNumber(Parser& p, absl::string_view* out) {
  absl::string_view sign;
  if (p.Is(Tok::kMinus) || p.Is(Tok::kPlus)) sign = p.Text(p.Next());
  if (!p.Is(Tok::kInt)) return p.Fail();
  absl::string_view n = p.Text(p.Next());
  *out = sign == "-" ? p.Copy(absl::StrCat("-", n)) : n;
  return true;
}

bool IsNoWord(const Parser& p, absl::string_view word) {
  return p.IsKw(KW_NO) && p.IsWord(word, 1);
}

// One option; false (no error) when none starts here.
bool ParseSeqOption(Parser& p, bool alter, SeqOption* o) {
  if (p.AcceptWord("increment")) {
    o->kind = SeqOptionKind::kIncrement;
    if (!p.AcceptKw(KW_BY)) p.Accept(Tok::kEq);
  } else if (p.AcceptWord("minvalue")) {
    o->kind = SeqOptionKind::kMinValue;
    p.Accept(Tok::kEq);
  } else if (p.AcceptKw(KW_MAXVALUE)) {
    o->kind = SeqOptionKind::kMaxValue;
    p.Accept(Tok::kEq);
  } else if (p.AcceptKw(KW_START)) {
    o->kind = SeqOptionKind::kStart;
    if (!p.AcceptKw(KW_WITH)) p.Accept(Tok::kEq);
  } else if (p.AcceptKw(KW_CACHE)) {
    o->kind = SeqOptionKind::kCache;
    p.Accept(Tok::kEq);
  } else if (alter && p.AcceptWord("restart")) {
    o->kind = SeqOptionKind::kRestart;
    bool with = p.AcceptKw(KW_WITH) || p.Accept(Tok::kEq);
    if (!with && !p.Is(Tok::kInt) && !p.Is(Tok::kMinus)) return true;
  } else {
    if (IsNoWord(p, "minvalue") || IsNoWord(p, "maxvalue")) {
      p.Next();
      o->kind = p.Next().kw == KW_MAXVALUE ? SeqOptionKind::kNoMaxValue
                                           : SeqOptionKind::kNoMinValue;
    } else if (p.AcceptWord("nominvalue")) {
      o->kind = SeqOptionKind::kNoMinValue;
    } else if (p.AcceptWord("nomaxvalue")) {
      o->kind = SeqOptionKind::kNoMaxValue;
    } else if (p.AcceptWord("nocache")) {
      o->kind = SeqOptionKind::kNoCache;
    } else if (p.AcceptWord("cycle")) {
      o->kind = SeqOptionKind::kCycle;
    } else if (p.AcceptWord("nocycle")) {
      o->kind = SeqOptionKind::kNoCycle;
    } else {
      return false;
    }
    return true;
  }
  return SignedNumber(p, &o->value);
}

bool ParseSeqOptions(Parser& p, bool alter, List<SeqOption>* out) {
  Vec<SeqOption> v;
  while (true) {
    SeqOption o;
    if (!ParseSeqOption(p, alter, &o)) break;
    if (p.failed()) return false;
    v.push_back(o);
  }
  *out = p.ToList(v);
  return !p.failed();
}

}  // namespace

bool IsSequenceStmt(const Parser& p) {
  size_t k = 1;
  if (p.IsKw(KW_OR, k) && p.IsKw(KW_REPLACE, k + 1)) k += 2;
  if (p.IsKw(KW_TEMPORARY, k)) ++k;
  return p.IsKw(KW_SEQUENCE, k);
}

Stmt* ParseSequence(Parser& p, StmtKind kind) {
  p.Next();  // CREATE / ALTER / DROP
  auto* s = p.New<SequenceStmt>(kind);
  if (kind == StmtKind::kCreateOther && p.IsKw(KW_OR) &&
      p.IsKw(KW_REPLACE, 1)) {
    p.Next(), p.Next();
    s->or_replace = true;
  }
  if (kind != StmtKind::kAlterOther) s->temporary = p.AcceptKw(KW_TEMPORARY);
  if (!p.ExpectKw(KW_SEQUENCE)) return nullptr;
  if (kind == StmtKind::kCreateOther) {
    s->if_not_exists = p.ParseIfNotExists();
  } else {
    s->if_exists = p.ParseIfExists();
  }
  Vec<TableName> names;
  do {
    TableName n;
    if (!p.ParseTableName(&n)) return nullptr;
    names.push_back(n);
  } while (kind == StmtKind::kDropOther && p.Accept(Tok::kComma));
  s->names = p.ToList(names);
  s->table = names[0];
  if (kind == StmtKind::kDropOther) return s;
  if (p.AcceptKw(KW_AS)) {
    s->as_type = p.ParseDataType(false);
    if (s->as_type == nullptr) return nullptr;
  }
  if (!ParseSeqOptions(p, kind == StmtKind::kAlterOther, &s->options))
    return nullptr;
  if (kind == StmtKind::kAlterOther) {
    return s->options.empty() && s->as_type == nullptr ? (p.Fail(), nullptr)
                                                       : s;
  }
  if (!p.ParseTableOptions(&s->table_options, /*commas=*/true)) return nullptr;
  return s;
}

}  // namespace tessera::sql
