// DROP TABLE/VIEW/DATABASE/INDEX, TRUNCATE, RENAME TABLE, CREATE INDEX,
// CREATE/ALTER VIEW, CREATE/ALTER DATABASE.
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

bool IsAlgorithmOrLock(const Parser& p) {
  return p.IsKw(KW_ALGORITHM) || p.IsKw(KW_LOCK);
}

// MariaDB [WAIT n | NOWAIT], if present; always true.
bool ParseWait(Parser& p, absl::string_view* out) {
  if (p.AcceptKw(KW_NOWAIT)) {
    *out = "nowait";
  } else if (p.IsKw(KW_WAIT) && p.Is(Tok::kInt, 1)) {
    p.Next();
    *out = p.Text(p.Next());
  }
  return true;
}

}  // namespace

Stmt* Parser::ParseDrop(StmtKind kind) {
  Next();  // DROP
  auto* s = New<DropStmt>(kind);
  s->temporary = AcceptKw(KW_TEMPORARY);
  if (kind == StmtKind::kDropIndex) {
    if (AcceptWord("online")) s->online = true;
    if (!ExpectKw(KW_INDEX)) return nullptr;
    s->if_exists = ParseIfExists();
    if (!ParseIdent(&s->index) || !ExpectKw(KW_ON) ||
        !ParseTableName(&s->table)) {
      return nullptr;
    }
    Vec<TableOption> opts;
    while (IsAlgorithmOrLock(*this)) {
      TableOption o;
      o.name = KeywordText(Next().kw);
      Accept(Tok::kEq);
      if (!Is(Tok::kIdent)) return Fail(), nullptr;
      o.value = Text(Next());
      opts.push_back(o);
    }
    s->options = ToList(opts);
    return s;
  }
  switch (Next().kw) {  // TABLE(S), VIEW, DATABASE, SCHEMA
    case KW_TABLE:
    case KW_TABLES:
      if (kind != StmtKind::kDropTable) return Fail(), nullptr;
      break;
    case KW_VIEW:
      if (kind != StmtKind::kDropView || s->temporary) return Fail(), nullptr;
      break;
    case KW_DATABASE:
    case KW_SCHEMA:
      if (kind != StmtKind::kDropDatabase || s->temporary)
        return Fail(), nullptr;
      break;
    default:
      return Fail(), nullptr;
  }
  s->if_exists = ParseIfExists();
  Vec<TableName> names;
  do {
    TableName n;
    if (kind == StmtKind::kDropDatabase ? !ParseIdent(&n.name)
                                        : !ParseTableName(&n)) {
      return nullptr;
    }
    names.push_back(n);
  } while (kind != StmtKind::kDropDatabase && Accept(Tok::kComma));
  s->names = ToList(names);
  s->table = names[0];
  if (kind == StmtKind::kDropDatabase) s->table = TableName{};
  if (kind == StmtKind::kDropTable) ParseWait(*this, &s->wait);
  if (kind != StmtKind::kDropDatabase &&
      (IsKw(KW_RESTRICT) || IsKw(KW_CASCADE))) {
    s->behaviour = KeywordText(Next().kw);
  }
  return s;
}

Stmt* Parser::ParseTruncate() {
  Next();  // TRUNCATE
  auto* s = New<TruncateStmt>();
  s->table_keyword = AcceptKw(KW_TABLE);
  if (!ParseTableName(&s->table)) return nullptr;
  ParseWait(*this, &s->wait);
  return s;
}

Stmt* Parser::ParseRenameTable() {
  Next();  // RENAME
  if (!AcceptKw(KW_TABLE) && !ExpectKw(KW_TABLES)) return nullptr;
  auto* s = New<RenameTableStmt>();
  s->if_exists = ParseIfExists();
  Vec<RenamePair> pairs;
  do {
    RenamePair p;
    if (!ParseTableName(&p.from) || !ParseWait(*this, &p.wait) ||
        !ExpectKw(KW_TO) || !ParseTableName(&p.to)) {
      return nullptr;
    }
    pairs.push_back(p);
  } while (Accept(Tok::kComma));
  s->pairs = ToList(pairs);
  s->table = pairs[0].from;
  return s;
}

Stmt* Parser::ParseCreateIndex() {
  Next();  // CREATE
  auto* s = New<CreateIndexStmt>();
  if (IsKw(KW_OR) && IsKw(KW_REPLACE, 1)) Next(), Next(), s->or_replace = true;
  s->online = AcceptWord("online");
  auto* d = New<IndexDef>();
  d->kind = IndexKind::kIndex;
  if (AcceptKw(KW_UNIQUE)) {
    d->kind = IndexKind::kUnique;
  } else if (AcceptKw(KW_FULLTEXT)) {
    d->kind = IndexKind::kFulltext;
  } else if (AcceptKw(KW_SPATIAL)) {
    d->kind = IndexKind::kSpatial;
  } else if (IsVectorIndexStart()) {
    Next();
    d->kind = IndexKind::kVector;
  }
  if (!ExpectKw(KW_INDEX)) return nullptr;
  s->if_not_exists = ParseIfNotExists();
  if (!ParseIdent(&d->name)) return nullptr;
  Vec<Token> using_toks;
  if (IsKw(KW_USING) || IsWord("type")) {
    using_toks.push_back(Next());
    if (!Is(Tok::kIdent)) return Fail(), nullptr;
    using_toks.push_back(Next());
  }
  s->using_before_on = ToList(using_toks);
  if (!ExpectKw(KW_ON) || !ParseTableName(&s->table)) return nullptr;
  if (!ParseKeyParts(&d->parts)) return nullptr;
  ParseWait(*this, &s->wait);
  if (!ParseIndexOptions(*this, &d->options)) return nullptr;
  Vec<TableOption> algo;
  while (IsKw(KW_ALGORITHM) || IsKw(KW_LOCK)) {
    TableOption o;
    o.name = KeywordText(Next().kw);
    Accept(Tok::kEq);
    if (!Is(Tok::kIdent) && !IsKw(KW_DEFAULT)) return Fail(), nullptr;
    o.value = Text(Next());
    algo.push_back(o);
  }
  s->algorithm_lock = ToList(algo);
  if (!AtStatementEnd()) return Fail(), nullptr;
  s->index = d;
  return s;
}

Stmt* Parser::ParseView(StmtKind kind) {
  Next();  // CREATE / ALTER
  auto* s = New<ViewStmt>(kind);
  if (kind == StmtKind::kCreateView && IsKw(KW_OR) && IsKw(KW_REPLACE, 1)) {
    Next(), Next();
    s->or_replace = true;
  }
  if (AcceptKw(KW_ALGORITHM)) {
    if (!Expect(Tok::kEq) || !Is(Tok::kIdent)) return Fail(), nullptr;
    s->algorithm = LowerCopy(Text(Next()));
  }
  if (AcceptKw(KW_DEFINER)) {
    if (!Expect(Tok::kEq)) return nullptr;
    Vec<Token> v;
    if (AcceptKw(KW_CURRENT_USER)) {
      v.push_back(Previous());
      if (Is(Tok::kLParen) && Is(Tok::kRParen, 1)) {
        v.push_back(Next());
        v.push_back(Next());
      }
    } else {
      if (!Is(Tok::kIdent) && !Is(Tok::kString) && !Is(Tok::kQuotedIdent))
        return Fail(), nullptr;
      v.push_back(Next());
      if (Is(Tok::kUserVar)) v.push_back(Next());
    }
    s->definer = ToList(v);
  }
  if (AcceptKw(KW_SQL)) {
    if (!ExpectKw(KW_SECURITY) || !Is(Tok::kIdent)) return Fail(), nullptr;
    s->security = LowerCopy(Text(Next()));
  }
  if (!ExpectKw(KW_VIEW)) return nullptr;
  s->if_not_exists = ParseIfNotExists();
  if (!ParseTableName(&s->table)) return nullptr;
  if (Is(Tok::kLParen) && !ParseIdentList(&s->columns)) return nullptr;
  if (!ExpectKw(KW_AS)) return nullptr;
  s->query = ParseQueryExpr();
  if (s->query == nullptr) return nullptr;
  if (IsKw(KW_WITH) && !Is(Tok::kLParen, 1)) {
    Next();
    if (IsKw(KW_CASCADED) || IsKw(KW_LOCAL))
      s->check_scope = KeywordText(Next().kw);
    if (!ExpectKw(KW_CHECK) || !ExpectKw(KW_OPTION)) return nullptr;
    s->check_option = true;
  }
  return s;
}

Stmt* Parser::ParseDatabase(StmtKind kind) {
  Next();  // CREATE / ALTER
  auto* s = New<DatabaseStmt>(kind);
  if (kind == StmtKind::kCreateDatabase && IsKw(KW_OR) && IsKw(KW_REPLACE, 1)) {
    Next(), Next();
    s->or_replace = true;
  }
  if (!AcceptKw(KW_DATABASE) && !ExpectKw(KW_SCHEMA)) return nullptr;
  if (kind == StmtKind::kCreateDatabase) {
    s->if_not_exists = ParseIfNotExists();
    if (!ParseIdent(&s->db)) return nullptr;
  } else if (IsIdent() && !IsKw(KW_DEFAULT) && !IsKw(KW_CHARACTER) &&
             !IsKw(KW_COLLATE) && !Is(Tok::kEq, 1)) {
    if (!ParseIdent(&s->db)) return nullptr;
  }
  if (kind == StmtKind::kAlterDatabase && !s->db.empty() && IsWord("upgrade") &&
      IsKw(KW_DATA, 1) && IsWord("directory", 2) &&
      IsWord("name", 3)) {  // MariaDB: #mysql50# name conversion
    Next(), Next(), Next(), Next();
    TableOption o;
    o.name = "upgrade data directory name";
    o.kind = OptionValue::kNone;
    Vec<TableOption> v;
    v.push_back(o);
    s->options = ToList(v);
    return s;
  }
  if (!ParseTableOptions(&s->options, /*commas=*/false)) return nullptr;
  if (kind == StmtKind::kAlterDatabase && s->options.empty())
    return Fail(), nullptr;
  return s;
}

}  // namespace tessera::sql
