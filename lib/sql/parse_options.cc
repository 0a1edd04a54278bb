// Table options ([DEFAULT] name [=] value) and partitioning clauses,
// shared by CREATE TABLE, ALTER TABLE, CREATE DATABASE and partitions.
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "lib/sql/parser_internal.h"

namespace tessera::sql {

bool Parser::IsWord(absl::string_view word, size_t k) const {
  const Token& t = Peek(k);
  return t.kind == Tok::kIdent && absl::EqualsIgnoreCase(Text(t), word);
}

bool Parser::AcceptWord(absl::string_view word) {
  if (!IsWord(word)) return false;
  ++cur_;
  return true;
}

absl::string_view Parser::LowerCopy(absl::string_view s) {
  absl::string_view c = Copy(s);
  char* p = const_cast<char*>(c.data());
  for (size_t i = 0; i < c.size(); ++i) p[i] = absl::ascii_tolower(p[i]);
  return c;
}

// A word that can start a table option here: any non-reserved word, plus
// the reserved words that name options.
bool Parser::IsTableOptionStart() const {
  const Token& t = Peek();
  // MariaDB prints engine-defined attributes backquoted: `x`='1'.
  if (t.kind == Tok::kQuotedIdent) return Is(Tok::kEq, 1);
  if (t.kind != Tok::kIdent) return false;
  // A number glued to the previous identifier lexes as a word (`x`1) but
  // never names an option (and would not read back as one).
  if (absl::ascii_isdigit(static_cast<unsigned char>(Text(t)[0]))) {
    return false;
  }
  switch (t.kw) {
    case KW_DEFAULT:
    case KW_CHARACTER:
    case KW_COLLATE:
    case KW_UNION:
      return true;
    case KW_INDEX:
      return IsWord("directory", 1);
    case KW_READ:  // MySQL ALTER DATABASE d READ ONLY [=] n
      return IsKw(KW_ONLY, 1);
    case KW_WITH:  // MariaDB WITH SYSTEM VERSIONING
      return IsKw(KW_SYSTEM, 1) && IsWord("versioning", 2);
    default:
      return ClassOf(t.kw) != KeywordClass::kReserved;
  }
}

namespace {

// Options that may omit '=' (MySQL's and MariaDB's grammars); any other
// word is an engine-defined attribute, which needs it (`name = value`).
bool OptionWithoutEq(absl::string_view name) {
  static constexpr absl::string_view kNames[] = {"auto_increment",
                                                 "autoextend_size",
                                                 "avg_row_length",
                                                 "charset",
                                                 "checksum",
                                                 "collate",
                                                 "comment",
                                                 "compression",
                                                 "connection",
                                                 "delay_key_write",
                                                 "encryption",
                                                 "engine",
                                                 "engine_attribute",
                                                 "insert_method",
                                                 "key_block_size",
                                                 "max_rows",
                                                 "min_rows",
                                                 "nodegroup",
                                                 "pack_keys",
                                                 "page_checksum",
                                                 "password",
                                                 "row_format",
                                                 "secondary_engine",
                                                 "secondary_engine_attribute",
                                                 "sequence",
                                                 "stats_auto_recalc",
                                                 "stats_persistent",
                                                 "stats_sample_pages",
                                                 "storage",
                                                 "table_checksum",
                                                 "tablespace",
                                                 "transactional",
                                                 "type",
                                                 "union"};
  for (absl::string_view n : kNames) {
    if (absl::EqualsIgnoreCase(n, name)) return true;
  }
  return false;
}

}  // namespace

bool Parser::ParseTableOption(TableOption* o) {
  std::string name;
  if (IsKw(KW_WITH) && IsKw(KW_SYSTEM, 1) && IsWord("versioning", 2)) {
    Next(), Next(), Next();
    o->name = "with system versioning";
    o->kind = OptionValue::kNone;
    return true;
  }
  if (IsKw(KW_START) && IsKw(KW_TRANSACTION, 1)) {  // MySQL atomic CTAS
    Next(), Next();
    o->name = "start transaction";
    o->kind = OptionValue::kNone;
    return true;
  }
  if (AcceptKw(KW_DEFAULT)) name = "default ";
  if (IsKw(KW_CHARACTER) && IsKw(KW_SET, 1)) {
    Next(), Next();
    name += "character set";
  } else if (!name.empty() && !IsKw(KW_CHARSET) && !IsKw(KW_COLLATE) &&
             !IsWord("encryption")) {
    return Fail();
  } else if (name.empty() && IsKw(KW_READ) && IsKw(KW_ONLY, 1)) {
    Next(), Next();
    name = "read only";
  } else if ((IsKw(KW_STORAGE) && IsKw(KW_ENGINE, 1)) ||
             ((IsKw(KW_DATA) || IsKw(KW_INDEX)) && IsWord("directory", 1))) {
    name += std::string(Text(Next())) + " ";
    name += std::string(Text(Next()));
  } else {
    if (!IsTableOptionStart() || IsKw(KW_DEFAULT)) return Fail();
    name += std::string(Text(Next()));
    if (!Is(Tok::kEq) &&
        !OptionWithoutEq(absl::StripPrefix(name, "default "))) {
      return Fail();
    }
  }
  o->name = LowerCopy(name);
  Accept(Tok::kEq);
  if (o->name == "union") {
    if (!Expect(Tok::kLParen)) return false;
    Vec<TableName> v;
    if (!Is(Tok::kRParen)) {
      do {
        TableName n;
        if (!ParseTableName(&n)) return false;
        v.push_back(n);
      } while (Accept(Tok::kComma));
    }
    o->list = ToList(v);
    o->kind = OptionValue::kList;
    return Expect(Tok::kRParen);
  }
  switch (Peek().kind) {
    case Tok::kString:
      o->kind = OptionValue::kString;
      break;
    case Tok::kIdent:
    case Tok::kQuotedIdent:
    case Tok::kInt:
    case Tok::kDecimal:
    case Tok::kFloat:
    case Tok::kHexNum:
      o->kind = OptionValue::kWord;
      break;
    default:
      return Fail();
  }
  o->value = Text(Next());
  if (o->name == "tablespace" && IsKw(KW_STORAGE)) {
    Next();
    if (!Is(Tok::kIdent)) return Fail();
    o->storage = LowerCopy(Text(Next()));
  }
  return true;
}

// Options separated by spaces or commas, while an option starts.
bool Parser::ParseTableOptions(List<TableOption>* out, bool commas) {
  Vec<TableOption> v;
  while (IsTableOptionStart() && !IsKw(KW_PARTITION)) {
    TableOption o;
    if (!ParseTableOption(&o)) return false;
    v.push_back(o);
    if (commas && Is(Tok::kComma)) {
      Next();
      if (!IsTableOptionStart()) return Fail();
    }
  }
  *out = ToList(v);
  return true;
}

bool Parser::ParsePartitionBy(PartitionBy* b) {
  b->linear = AcceptKw(KW_LINEAR);
  if (AcceptKw(KW_HASH)) {
    b->type = PartitionType::kHash;
  } else if (AcceptKw(KW_KEY)) {
    b->type = PartitionType::kKey;
    if (AcceptKw(KW_ALGORITHM)) {
      if (!Expect(Tok::kEq) || !Is(Tok::kInt)) return Fail();
      b->algorithm = Text(Next());
    }
    return ParseIdentList(&b->cols, /*allow_empty=*/true);
  } else if (!b->linear && (IsKw(KW_RANGE) || IsKw(KW_LIST))) {
    b->type =
        Next().kw == KW_RANGE ? PartitionType::kRange : PartitionType::kList;
    if (AcceptKw(KW_COLUMNS)) {
      b->columns = true;
      return ParseIdentList(&b->cols);
    }
  } else if (!b->linear && AcceptWord("system_time")) {
    b->type = PartitionType::kSystemTime;
    Vec<Token> v;
    while (!AtStatementEnd() && !Is(Tok::kLParen) && !IsKw(KW_PARTITIONS) &&
           !IsKw(KW_SUBPARTITION)) {
      v.push_back(Next());
    }
    b->system_time = ToList(v);
    return true;
  } else {
    return Fail();
  }
  if (!Expect(Tok::kLParen)) return false;
  b->expr = ParseExpr();
  return b->expr != nullptr && Expect(Tok::kRParen);
}

bool Parser::ParsePartitionValues(PartitionDef* d) {
  if (AcceptWord("history") || AcceptKw(KW_CURRENT)) {
    d->system_time = LowerCopy(Text(Previous()));
    return true;
  }
  if (AcceptKw(KW_DEFAULT)) {
    d->values_kind = PartitionDef::Values::kDefault;
    return true;
  }
  if (!AcceptKw(KW_VALUES)) return true;
  if (AcceptKw(KW_IN)) {
    d->values_kind = PartitionDef::Values::kIn;
  } else {
    if (!ExpectKw(KW_LESS) || !ExpectKw(KW_THAN)) return false;
    d->values_kind = PartitionDef::Values::kLessThan;
    if (AcceptKw(KW_MAXVALUE)) {
      d->values_kind = PartitionDef::Values::kLessThanMaxvalue;
      return true;
    }
  }
  if (!Expect(Tok::kLParen)) return false;
  Vec<Expr*> v;
  do {
    Expr* e;
    if (AcceptKw(KW_MAXVALUE)) {
      e = New<Expr>(ExprKind::kMaxValue);
    } else {
      e = ParseExpr();
      if (e == nullptr) return false;
    }
    v.push_back(e);
  } while (Accept(Tok::kComma));
  d->values = ToList(v);
  return Expect(Tok::kRParen);
}

bool Parser::ParsePartitionDefs(List<PartitionDef>* out) {
  Vec<PartitionDef> defs;
  do {
    PartitionDef d;
    if (!ExpectKw(KW_PARTITION) || !ParseIdent(&d.name)) return false;
    if (!ParsePartitionValues(&d) || !ParseTableOptions(&d.options, false))
      return false;
    if (Accept(Tok::kLParen)) {
      Vec<SubpartitionDef> subs;
      do {
        SubpartitionDef s;
        if (!ExpectKw(KW_SUBPARTITION) || !ParseIdent(&s.name) ||
            !ParseTableOptions(&s.options, false)) {
          return false;
        }
        subs.push_back(s);
      } while (Accept(Tok::kComma));
      if (!Expect(Tok::kRParen)) return false;
      d.subpartitions = ToList(subs);
    }
    defs.push_back(d);
  } while (Accept(Tok::kComma));
  *out = ToList(defs);
  return true;
}

PartitionSpec* Parser::ParsePartitionSpec() {
  if (!ExpectKw(KW_PARTITION) || !ExpectKw(KW_BY)) return nullptr;
  auto* s = New<PartitionSpec>();
  if (!ParsePartitionBy(&s->by)) return nullptr;
  if (AcceptKw(KW_PARTITIONS)) {
    if (!Is(Tok::kInt)) return Fail(), nullptr;
    s->by.partitions = Text(Next());
  }
  if (AcceptKw(KW_SUBPARTITION)) {
    if (!ExpectKw(KW_BY)) return nullptr;
    s->sub = New<PartitionBy>();
    if (!ParsePartitionBy(s->sub)) return nullptr;
    if (AcceptKw(KW_SUBPARTITIONS)) {
      if (!Is(Tok::kInt)) return Fail(), nullptr;
      s->sub->partitions = Text(Next());
    }
  }
  if (Is(Tok::kLParen) && IsKw(KW_PARTITION, 1)) {
    Next();
    if (!ParsePartitionDefs(&s->defs) || !Expect(Tok::kRParen)) return nullptr;
  }
  return s;
}

}  // namespace tessera::sql
