// SHOW (the common forms typed, the rest kept as tokens) and LOAD DATA.
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

bool AcceptFromIn(Parser& p) {
  return p.AcceptKw(KW_FROM) || p.AcceptKw(KW_IN);
}

}  // namespace

// [LIKE 'pattern' | WHERE expr]
bool Parser::ParseShowFilter(ShowStmt* s) {
  if (AcceptKw(KW_LIKE)) {
    if (!Is(Tok::kString)) return Fail();
    s->like = ParseLiteral();
    return s->like != nullptr;
  }
  if (AcceptKw(KW_WHERE)) {
    s->where = ParseExpr();
    return s->where != nullptr;
  }
  return true;
}

Stmt* Parser::ParseShow() {
  Next();  // SHOW
  const size_t after_show = Pos();
  auto* s = New<ShowStmt>();
  s->extended = AcceptKw(KW_EXTENDED);
  s->full = AcceptKw(KW_FULL);
  switch (Peek().kw) {
    case KW_GLOBAL:
      s->scope = VarScope::kGlobal;
      break;
    case KW_SESSION:
      s->scope = VarScope::kSession;
      break;
    case KW_LOCAL:
      s->scope = VarScope::kLocal;
      break;
    default:
      break;
  }
  if (s->scope != VarScope::kNone) Next();
  if (Peek().kind != Tok::kIdent) return Fail(), nullptr;
  const Token& w = Next();
  bool db_filter = false;  // [FROM|IN db] then LIKE/WHERE
  switch (w.kw) {
    case KW_DATABASES:
    case KW_SCHEMAS:
      s->what = ShowKind::kDatabases;
      break;
    case KW_TABLES:
      s->what = ShowKind::kTables;
      db_filter = true;
      break;
    case KW_COLUMNS:
    case KW_FIELDS:
    case KW_INDEX:
    case KW_INDEXES:
    case KW_KEYS:
      s->what = (w.kw == KW_COLUMNS || w.kw == KW_FIELDS) ? ShowKind::kColumns
                                                          : ShowKind::kIndex;
      if (!AcceptFromIn(*this)) return Fail(), nullptr;
      if (!ParseTableName(&s->name)) return nullptr;
      s->table = s->name;
      db_filter = true;
      break;
    case KW_CREATE: {
      s->what = ShowKind::kCreate;
      if (!Is(Tok::kIdent)) return Fail(), nullptr;
      Keyword k = Next().kw;
      switch (k) {
        case KW_DATABASE:
        case KW_SCHEMA:
          s->create_what = "database";
          s->if_not_exists = ParseIfNotExists();
          if (!ParseIdent(&s->name.name)) return nullptr;
          return s;
        case KW_TABLE:
        case KW_VIEW:
        case KW_PROCEDURE:
        case KW_FUNCTION:
        case KW_TRIGGER:
        case KW_EVENT:
          s->create_what = KeywordText(k);
          if (!ParseTableName(&s->name)) return nullptr;
          if (k == KW_TABLE || k == KW_VIEW) s->table = s->name;
          return s;
        case KW_USER:
          s->create_what = "user";
          s->has_user = true;
          return ParseUserName(*this, &s->user) ? s : nullptr;
        default:  // CREATE SEQUENCE, ...: kept as tokens
          s->what = ShowKind::kOther;
          break;
      }
      break;
    }
    case KW_VARIABLES:
    case KW_STATUS:
      s->what = w.kw == KW_VARIABLES ? ShowKind::kVariables : ShowKind::kStatus;
      break;
    case KW_COUNT:
      if (!Expect(Tok::kLParen) || !Expect(Tok::kStar) ||
          !Expect(Tok::kRParen)) {
        return nullptr;
      }
      if (!IsKw(KW_WARNINGS) && !IsKw(KW_ERRORS)) return Fail(), nullptr;
      s->count = true;
      s->what =
          Next().kw == KW_WARNINGS ? ShowKind::kWarnings : ShowKind::kErrors;
      return s;
    case KW_WARNINGS:
    case KW_ERRORS:
      s->what = w.kw == KW_WARNINGS ? ShowKind::kWarnings : ShowKind::kErrors;
      if (IsKw(KW_LIMIT) && !ParseLimit(&s->limit)) return nullptr;
      return s;
    case KW_PROCESSLIST:
      s->what = ShowKind::kProcesslist;
      return s;
    case KW_STORAGE:
    case KW_ENGINES:
      if (w.kw == KW_STORAGE && !ExpectKw(KW_ENGINES)) return nullptr;
      s->what = ShowKind::kEngines;
      return s;
    case KW_COLLATION:
      s->what = ShowKind::kCollation;
      break;
    case KW_CHARSET:
    case KW_CHARACTER:
      if (w.kw == KW_CHARACTER && !ExpectKw(KW_SET)) return nullptr;
      s->what = ShowKind::kCharset;
      break;
    case KW_TABLE:
      if (!ExpectKw(KW_STATUS)) return nullptr;
      s->what = ShowKind::kTableStatus;
      db_filter = true;
      break;
    case KW_TRIGGERS:
    case KW_EVENTS:
      s->what = w.kw == KW_TRIGGERS ? ShowKind::kTriggers : ShowKind::kEvents;
      db_filter = true;
      break;
    case KW_OPEN:
      if (!ExpectKw(KW_TABLES)) return nullptr;
      s->what = ShowKind::kOpenTables;
      db_filter = true;
      break;
    case KW_PLUGINS:
      if (IsWord("soname")) break;  // MariaDB SHOW PLUGINS SONAME ...: tokens
      s->what = ShowKind::kPlugins;
      return s;
    case KW_PRIVILEGES:
      s->what = ShowKind::kPrivileges;
      return s;
    case KW_FUNCTION:
    case KW_PROCEDURE:
      if (!IsKw(KW_STATUS)) break;
      Next();
      s->what = w.kw == KW_FUNCTION ? ShowKind::kFunctionStatus
                                    : ShowKind::kProcedureStatus;
      break;
    case KW_GRANTS:
      s->what = ShowKind::kGrants;
      return ParseShowGrants(*this, s) ? s : nullptr;
    default:
      break;
  }
  if (s->what == ShowKind::kOther) {
    SetPos(after_show);  // FULL, GLOBAL, ... belong to the tokens
    s->full = s->extended = false;
    s->scope = VarScope::kNone;
    s->rest = TokensUntilEnd();
    return s;
  }
  // Modifiers are only valid on some forms.
  bool full_ok = s->what == ShowKind::kTables ||
                 s->what == ShowKind::kColumns || s->what == ShowKind::kIndex ||
                 s->what == ShowKind::kProcesslist;
  bool scope_ok =
      s->what == ShowKind::kVariables || s->what == ShowKind::kStatus;
  if ((s->full && !full_ok) || (s->scope != VarScope::kNone && !scope_ok) ||
      (s->extended && !full_ok)) {
    return Fail(), nullptr;
  }
  if (db_filter && AcceptFromIn(*this) && !ParseIdent(&s->db)) return nullptr;
  return ParseShowFilter(s) ? s : nullptr;
}

Stmt* Parser::ParseLoadData() {
  Next();  // LOAD
  if (!ExpectKw(KW_DATA)) return nullptr;
  auto* s = New<LoadDataStmt>();
  if (IsKw(KW_LOW_PRIORITY) || IsWord("concurrent"))
    s->priority = LowerCopy(Text(Next()));
  s->local = AcceptKw(KW_LOCAL);
  if (!ExpectKw(KW_INFILE) || !Is(Tok::kString)) return Fail(), nullptr;
  s->file = ParseLiteral();
  if (IsKw(KW_REPLACE) || IsKw(KW_IGNORE))
    s->duplicates = KeywordText(Next().kw);
  if (!ExpectKw(KW_INTO) || !ExpectKw(KW_TABLE) || !ParseTableName(&s->table))
    return nullptr;
  if (AcceptKw(KW_PARTITION) && !ParseIdentList(&s->partitions)) return nullptr;
  if (IsKw(KW_CHARACTER) && IsKw(KW_SET, 1)) {
    Next(), Next();
    if (!ParseAnyWord(&s->charset)) return nullptr;
  } else if (AcceptKw(KW_CHARSET) && !ParseAnyWord(&s->charset)) {
    return nullptr;
  }
  auto string_after_by = [this](Literal** out) {
    if (!ExpectKw(KW_BY) || !Is(Tok::kString)) return Fail();
    *out = ParseLiteral();
    return *out != nullptr;
  };
  if (AcceptKw(KW_FIELDS) || AcceptKw(KW_COLUMNS)) {
    s->has_fields = true;
    bool any = false;
    while (true) {
      if (AcceptKw(KW_TERMINATED)) {
        if (!string_after_by(&s->fields_terminated)) return nullptr;
      } else if (IsKw(KW_OPTIONALLY) || IsKw(KW_ENCLOSED)) {
        s->optionally = AcceptKw(KW_OPTIONALLY);
        if (!ExpectKw(KW_ENCLOSED) || !string_after_by(&s->enclosed))
          return nullptr;
      } else if (AcceptKw(KW_ESCAPED)) {
        if (!string_after_by(&s->escaped)) return nullptr;
      } else {
        break;
      }
      any = true;
    }
    if (!any) return Fail(), nullptr;
  }
  if (AcceptKw(KW_LINES)) {
    s->has_lines = true;
    bool any = false;
    while (true) {
      if (AcceptKw(KW_STARTING)) {
        if (!string_after_by(&s->lines_starting)) return nullptr;
      } else if (AcceptKw(KW_TERMINATED)) {
        if (!string_after_by(&s->lines_terminated)) return nullptr;
      } else {
        break;
      }
      any = true;
    }
    if (!any) return Fail(), nullptr;
  }
  if (AcceptKw(KW_IGNORE)) {
    if (!Is(Tok::kInt)) return Fail(), nullptr;
    s->ignore_count = Text(Next());
    if (!IsKw(KW_LINES) && !IsKw(KW_ROWS)) return Fail(), nullptr;
    s->ignore_unit = KeywordText(Next().kw);
  }
  if (Accept(Tok::kLParen)) {
    s->has_columns = true;
    Vec<Expr*> cols;
    if (!Is(Tok::kRParen)) {
      do {
        Expr* e;
        if (Is(Tok::kUserVar)) {
          auto* v = New<Var>();
          v->text = Text(Next());
          e = v;
        } else {
          e = ParseIdentExpr();
          if (e == nullptr) return nullptr;
          if (e->kind != ExprKind::kColumn) return Fail(), nullptr;
        }
        cols.push_back(e);
      } while (Accept(Tok::kComma));
    }
    s->columns = ToList(cols);
    if (!Expect(Tok::kRParen)) return nullptr;
  }
  if (AcceptKw(KW_SET) && !ParseAssignments(&s->set)) return nullptr;
  return s;
}

}  // namespace tessera::sql
