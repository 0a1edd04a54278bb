// Statement dispatch and the smaller statements (SET, USE, transactions,
// EXPLAIN); DDL/SHOW/LOAD DATA go to their typed parsers when they can,
// everything else is kept as a classified token stream.
#include <string>

#include "lib/sql/classify.h"
#include "lib/sql/parse_ext.h"

namespace tessera::sql {

Stmt* Parser::ParseStatement() {
  const Token& t = Peek();
  Stmt* s = nullptr;
  if (t.kind == Tok::kLParen) {
    auto* sel = New<SelectStmt>();
    sel->query = ParseQueryExpr();
    s = sel->query ? sel : nullptr;
  } else if (t.kind != Tok::kIdent) {
    Fail();
  } else {
    switch (t.kw) {
      case KW_SELECT:
      case KW_VALUES:
      case KW_TABLE: {
        auto* sel = New<SelectStmt>();
        sel->query = ParseQueryExpr();
        s = sel->query ? sel : nullptr;
        break;
      }
      case KW_WITH: {
        // WITH ... SELECT, or WITH ... UPDATE/DELETE (MySQL 8).
        size_t save = Pos();
        WithClause* with = ParseWith();
        if (with == nullptr) break;
        if (IsKw(KW_UPDATE)) {
          s = ParseUpdate(with);
        } else if (IsKw(KW_DELETE)) {
          s = ParseDelete(with);
        } else {
          SetPos(save);
          auto* sel = New<SelectStmt>();
          sel->query = ParseQueryExpr();
          s = sel->query ? sel : nullptr;
        }
        break;
      }
      case KW_INSERT:
        s = ParseInsert(StmtKind::kInsert);
        break;
      case KW_REPLACE:
        s = ParseInsert(StmtKind::kReplace);
        break;
      case KW_UPDATE:
        s = ParseUpdate(nullptr);
        break;
      case KW_DELETE:
        s = ParseDelete(nullptr);
        break;
      case KW_SET:
        if (IsWord("resource", 1) && IsKw(KW_GROUP, 2)) break;  // MySQL
        s = ParseSet();
        break;
      case KW_USE:
        s = ParseUse();
        break;
      case KW_BEGIN:
        if (IsKw(KW_NOT, 1)) break;  // MariaDB BEGIN NOT ATOMIC ... END
        s = ParseTxn();
        break;
      case KW_COMMIT:
      case KW_ROLLBACK:
      case KW_SAVEPOINT:
        s = ParseTxn();
        break;
      case KW_START:
        if (IsKw(KW_TRANSACTION, 1)) s = ParseTxn();
        break;
      case KW_RELEASE:
        if (IsKw(KW_SAVEPOINT, 1)) s = ParseTxn();
        break;
      case KW_EXPLAIN:
      case KW_DESCRIBE:
      case KW_DESC:
        s = ParseExplain();
        break;
      default:
        break;
    }
    if (s == nullptr && !failed_) {
      // Pos() > 0: the statement after SET STATEMENT ... FOR.
      StmtKind kind = Pos() == 0
                          ? ClassifyTokens(tokens_, sql_)
                          : Classify(sql_.substr(Peek().pos), options_.lex);
      bool object = IsDdl(kind) || kind == StmtKind::kUser;
      size_t words = 0;  // tokens before the end, not counting ';'
      for (size_t k = 0; k < 4; ++k) {
        words += !Is(Tok::kSemicolon, k);
        if (Is(Tok::kEnd, k)) break;
      }
      if (kind == StmtKind::kOther || kind == StmtKind::kEmpty ||
          (object && words < 3)) {
        if (object) cur_ = last_;
        Fail();
      } else {
        // Typed when we understand every clause, else a token stream.
        size_t save = Pos();
        s = ParseTypedOther(kind);
        if (s != nullptr && !AtStatementEnd()) s = nullptr, Fail();
        if (s == nullptr && !too_deep_ && KeepAsTokens(kind)) {
          failed_ = false;
          SetPos(save);
          s = ParseOther(kind);
        } else if (s != nullptr && s->opaque) {
          // Typed statements keep their token stream too.
          Vec<Token> v(tokens_.begin() + save, tokens_.begin() + Pos());
          static_cast<OtherStmt*>(s)->tokens = ToList(v);
        }
      }
    }
  }
  if (s == nullptr) return nullptr;
  Accept(Tok::kSemicolon);
  if (!Is(Tok::kEnd)) return Fail(), nullptr;
  return s;
}

// After a failed typed parse: whether the statement is kept as a token
// stream. Only the administration statements outside the typed grammars
// are; CREATE/ALTER TABLE, DATABASE, accounts and the other typed families
// are complete grammars and report the error.
bool Parser::KeepAsTokens(StmtKind kind) const {
  if (!failed_) return true;  // no typed form (LOAD XML)
  switch (kind) {
    case StmtKind::kXa:
    case StmtKind::kFlush:
    case StmtKind::kGrant:
    case StmtKind::kRevoke:
      return true;  // administration: typed where understood, else tokens
    default:
      return false;
  }
}

Stmt* Parser::ParseTypedOther(StmtKind kind) {
  switch (kind) {
    case StmtKind::kCreateTable:
      return ParseCreateTable();
    case StmtKind::kAlterTable:
      return ParseAlterTable();
    case StmtKind::kDropTable:
    case StmtKind::kDropView:
    case StmtKind::kDropDatabase:
    case StmtKind::kDropIndex:
      return ParseDrop(kind);
    case StmtKind::kTruncate:
      return ParseTruncate();
    case StmtKind::kRenameTable:
      return ParseRenameTable();
    case StmtKind::kCreateIndex:
      return ParseCreateIndex();
    case StmtKind::kCreateView:
    case StmtKind::kAlterView:
      return ParseView(kind);
    case StmtKind::kCreateDatabase:
    case StmtKind::kAlterDatabase:
      return ParseDatabase(kind);
    case StmtKind::kShow:
      return ParseShow();
    case StmtKind::kLoadData:
      return IsKw(KW_DATA, 1) ? ParseLoadData() : nullptr;
    case StmtKind::kDo:
      return ParseDo(*this);
    case StmtKind::kCall:
      return ParseCall(*this);
    case StmtKind::kSignal:
      return ParseSignal(*this);
    case StmtKind::kGet:
      return ParseGetDiagnostics(*this);
    case StmtKind::kXa:
      return ParseXa(*this);
    case StmtKind::kLockTables:
      return ParseLockTables(*this);
    case StmtKind::kUnlockTables:
      return ParseUnlockTables(*this);
    case StmtKind::kFlush:
      return ParseFlush(*this);
    case StmtKind::kGrant:
    case StmtKind::kRevoke:
      return ParseGrant(*this, kind);
    case StmtKind::kUser:
      return ParseAccount(*this);
    case StmtKind::kCreateOther:
    case StmtKind::kAlterOther:
    case StmtKind::kDropOther:
      return IsSequenceStmt(*this) ? ParseSequence(*this, kind) : nullptr;
    default:
      return nullptr;
  }
}

Stmt* Parser::ParseUse() {
  Next();
  auto* u = New<UseStmt>();
  if (!ParseIdent(&u->db)) return nullptr;
  return u;
}

List<Token> Parser::TokensUntilEnd() {
  Vec<Token> v;
  while (!AtStatementEnd()) v.push_back(Next());
  return ToList(v);
}

Stmt* Parser::ParseTxn() {
  const Token& verb = Next();
  StmtKind kind;
  switch (verb.kw) {
    case KW_BEGIN:
    case KW_START:
      kind = StmtKind::kBegin;
      break;
    case KW_COMMIT:
      kind = StmtKind::kCommit;
      break;
    case KW_ROLLBACK:
      kind = StmtKind::kRollback;
      break;
    case KW_SAVEPOINT:
      kind = StmtKind::kSavepoint;
      break;
    default:
      kind = StmtKind::kReleaseSavepoint;
      break;
  }
  auto* s = New<TxnStmt>(kind);
  if (verb.kw == KW_START) {
    Next();  // TRANSACTION
    s->start_transaction = true;
  }
  if (kind == StmtKind::kBegin || kind == StmtKind::kCommit ||
      kind == StmtKind::kRollback) {
    s->work = AcceptKw(KW_WORK);
  }
  if (kind == StmtKind::kRollback && AcceptKw(KW_TO)) {
    s->to_savepoint_keyword = AcceptKw(KW_SAVEPOINT);
    if (!ParseIdent(&s->savepoint)) return nullptr;
  } else if (kind == StmtKind::kSavepoint) {
    if (!ParseIdent(&s->savepoint)) return nullptr;
  } else if (kind == StmtKind::kReleaseSavepoint) {
    Next();  // SAVEPOINT
    if (!ParseIdent(&s->savepoint)) return nullptr;
  }
  // READ ONLY, WITH CONSISTENT SNAPSHOT, AND NO CHAIN, RELEASE, ...
  const size_t first = Pos();
  s->characteristics = TokensUntilEnd();
  for (const Token& t : s->characteristics) {
    bool ok = t.kind == Tok::kComma;
    if (t.kind == Tok::kIdent) {
      switch (t.kw) {
        case KW_READ:
        case KW_ONLY:
        case KW_WRITE:
        case KW_WITH:
        case KW_CONSISTENT:
        case KW_SNAPSHOT:
          ok = s->start_transaction;
          break;
        case KW_AND:
        case KW_NO:
        case KW_CHAIN:
        case KW_RELEASE:
          ok = kind == StmtKind::kCommit || kind == StmtKind::kRollback;
          break;
        default:
          break;
      }
    }
    if (!ok) {
      SetPos(first + static_cast<size_t>(&t - s->characteristics.data));
      return Fail(), nullptr;
    }
  }
  return s;
}

Stmt* Parser::ParseSet() {
  Next();  // SET
  if ((IsKw(KW_ROLE) || (IsKw(KW_DEFAULT) && IsKw(KW_ROLE, 1))) &&
      !Is(Tok::kEq, 1) && !Is(Tok::kAssign, 1)) {
    return ParseSetRole(*this);
  }
  // MariaDB SET STATEMENT var = value, ... FOR statement.
  bool statement =
      IsKw(KW_STATEMENT) && !Is(Tok::kEq, 1) && !Is(Tok::kAssign, 1);
  if (statement) Next();
  auto* s = New<SetStmt>();
  Vec<SetItem> items;
  do {
    SetItem item;
    switch (Peek().kw) {
      case KW_GLOBAL:
        item.scope = VarScope::kGlobal;
        break;
      case KW_SESSION:
        item.scope = VarScope::kSession;
        break;
      case KW_LOCAL:
        item.scope = VarScope::kLocal;
        break;
      case KW_PERSIST:
        item.scope = VarScope::kPersist;
        break;
      case KW_PERSIST_ONLY:
        item.scope = VarScope::kPersistOnly;
        break;
      default:
        break;
    }
    if (item.scope != VarScope::kNone && Peek().kind == Tok::kIdent &&
        !Is(Tok::kEq, 1) && !Is(Tok::kAssign, 1) && !Is(Tok::kDot, 1)) {
      Next();
    } else {
      item.scope = VarScope::kNone;
    }
    if (IsKw(KW_TRANSACTION) && items.empty()) {
      Next();
      item.kind = SetItemKind::kTransaction;
      item.tokens = TokensUntilEnd();
      items.push_back(item);
      break;
    }
    if (IsKw(KW_NAMES) && !Is(Tok::kEq, 1)) {
      Next();
      item.kind = SetItemKind::kNames;
      if (!AcceptKw(KW_DEFAULT)) {
        if (!ParseAnyWord(&item.charset)) return nullptr;
        if (AcceptKw(KW_COLLATE) && !ParseAnyWord(&item.collate))
          return nullptr;
      }
    } else if ((IsKw(KW_CHARACTER) && IsKw(KW_SET, 1)) ||
               (IsKw(KW_CHARSET) && !Is(Tok::kEq, 1))) {
      if (Next().kw == KW_CHARACTER) Next();
      item.kind = SetItemKind::kCharset;
      if (!AcceptKw(KW_DEFAULT) && !ParseAnyWord(&item.charset)) return nullptr;
    } else if (IsKw(KW_PASSWORD) && items.empty()) {
      Next();
      item.kind = SetItemKind::kPassword;
      if (!ParseSetPassword(*this, &item)) return nullptr;
      items.push_back(item);
      break;
    } else {
      if (Is(Tok::kUserVar) || Is(Tok::kSysVar)) {
        auto* v = New<Var>();
        v->text = Text(Next());
        item.target = v;
      } else {
        item.target = ParseIdentExpr();
        if (item.target == nullptr) return nullptr;
        if (item.target->kind != ExprKind::kColumn) return Fail(), nullptr;
      }
      if (!Accept(Tok::kEq) && !Accept(Tok::kAssign)) return Fail(), nullptr;
      // ON/ALL/BINARY etc. are values here (SET autocommit = ON).
      if (Peek().kind == Tok::kIdent &&
          ClassOf(Peek().kw) == KeywordClass::kReserved &&
          (Peek(1).kind == Tok::kComma || Peek(1).kind == Tok::kEnd ||
           Peek(1).kind == Tok::kSemicolon) &&
          Peek().kw != KW_NULL && Peek().kw != KW_TRUE &&
          Peek().kw != KW_FALSE && Peek().kw != KW_DEFAULT) {
        auto* c = New<Column>();
        c->name = Ident{Text(Next()), '!'};
        item.value = c;
      } else {
        item.value = ParseExpr();
        if (item.value == nullptr) return nullptr;
      }
    }
    items.push_back(item);
  } while (Accept(Tok::kComma));
  s->items = ToList(items);
  if (statement) {
    for (const SetItem& it : items) {
      if (it.kind != SetItemKind::kVar) return Fail(), nullptr;
    }
    if (!ExpectKw(KW_FOR)) return nullptr;
    if (IsKw(KW_SET)) return Fail(), nullptr;  // no nesting
    s->inner = ParseStatement();
    if (s->inner == nullptr) return nullptr;
  }
  return s;
}

Stmt* Parser::ParseExplain() {
  const Token& verb = Next();
  auto* s = New<ExplainStmt>(verb.kw == KW_EXPLAIN ? StmtKind::kExplain
                                                   : StmtKind::kDescribe);
  Vec<Token> opts;
  while (true) {
    if (IsKw(KW_FORMAT) && Is(Tok::kEq, 1)) {
      opts.push_back(Next());
      opts.push_back(Next());
      if (!Is(Tok::kIdent) && !Is(Tok::kString)) return Fail(), nullptr;
      opts.push_back(Next());
    } else if (IsKw(KW_EXTENDED) || IsKw(KW_PARTITIONS) ||
               (IsKw(KW_ANALYZE) && !Is(Tok::kEnd, 1))) {
      opts.push_back(Next());
    } else if (IsKw(KW_INTO) && Is(Tok::kUserVar, 1)) {  // MySQL 8.1
      opts.push_back(Next());
      opts.push_back(Next());
    } else if (IsKw(KW_FOR) && (IsWord("schema", 1) || IsWord("database", 1)) &&
               IsIdent(2)) {  // MySQL 8.4: EXPLAIN FOR SCHEMA s stmt
      for (int i = 0; i < 3; ++i) opts.push_back(Next());
    } else {
      break;
    }
  }
  s->options = ToList(opts);
  if (IsQueryStart() || Is(Tok::kLParen) || IsKw(KW_INSERT) ||
      IsKw(KW_REPLACE) || IsKw(KW_UPDATE) || IsKw(KW_DELETE)) {
    switch (Peek().kw) {
      case KW_INSERT:
        s->inner = ParseInsert(StmtKind::kInsert);
        break;
      case KW_REPLACE:
        s->inner = ParseInsert(StmtKind::kReplace);
        break;
      case KW_UPDATE:
        s->inner = ParseUpdate(nullptr);
        break;
      case KW_DELETE:
        s->inner = ParseDelete(nullptr);
        break;
      default: {
        auto* sel = New<SelectStmt>();
        sel->query = ParseQueryExpr();
        if (sel->query != nullptr) s->inner = sel;
      }
    }
    if (s->inner == nullptr) return nullptr;
    return s;
  }
  if (IsKw(KW_FOR) && IsKw(KW_CONNECTION, 1)) {
    for (Token t : TokensUntilEnd()) opts.push_back(t);
    s->options = ToList(opts);
    return s;
  }
  if (!opts.empty() && !IsIdent()) return Fail(), nullptr;
  if (!ParseTableName(&s->table)) return nullptr;
  if (IsIdent()) {
    ParseIdent(&s->column);
  } else if (Is(Tok::kString)) {
    absl::string_view q = Text(Next());
    s->column = Ident{q.substr(1, q.size() - 2), q[0]};
  }
  return s;
}

Stmt* Parser::ParseOther(StmtKind kind) {
  auto* s = New<OtherStmt>(kind);
  // Remember the first table name after TABLE [IF [NOT] EXISTS] / INTO
  // TABLE, which routers need for DDL and LOAD DATA.
  for (size_t i = Pos(); i + 1 < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if (t.kind == Tok::kIdent &&
        (t.kw == KW_TABLE || t.kw == KW_TABLES ||
         (t.kw == KW_INDEX && kind == StmtKind::kCreateIndex) ||
         t.kw == KW_VIEW)) {
      size_t k = i + 1;
      if (kind == StmtKind::kCreateIndex) {
        while (k < tokens_.size() &&
               !(tokens_[k].kind == Tok::kIdent && tokens_[k].kw == KW_ON)) {
          ++k;
        }
        ++k;
      }
      while (k < tokens_.size() && tokens_[k].kind == Tok::kIdent &&
             (tokens_[k].kw == KW_IF || tokens_[k].kw == KW_NOT ||
              tokens_[k].kw == KW_EXISTS)) {
        ++k;
      }
      size_t save = Pos();
      SetPos(k);
      TableName n;
      if (ParseTableName(&n)) s->table = n;
      failed_ = false;
      SetPos(save);
      break;
    }
  }
  // CREATE [OR REPLACE] [DEFINER = user] PACKAGE [BODY]: the
  // specification or body runs to its END.
  bool package = false;
  if (kind == StmtKind::kCreateOther) {
    for (size_t k = 1; k < 10; ++k) {
      if (IsWord("package", k)) package = true;
      if (Peek(k).kw == KW_PROCEDURE || Peek(k).kw == KW_FUNCTION ||
          Peek(k).kind == Tok::kEnd || package) {
        break;
      }
    }
  }
  bool body = kind == StmtKind::kCreateOther || kind == StmtKind::kAlterOther ||
              kind == StmtKind::kCompound;
  s->tokens = body ? TokensUntilBodyEnd(*this, tokens_, Pos(), package)
                   : TokensUntilEnd();
  if (failed_) return nullptr;
  return s;
}

}  // namespace tessera::sql
