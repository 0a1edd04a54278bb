// Formatting of statements and token streams (identifiers: format_ident.cc).
#include "absl/strings/ascii.h"
#include "lib/sql/formatter_internal.h"
#include "lib/sql/lexer.h"

namespace tessera::sql {
namespace {

bool IsTypeKeyword(Keyword kw) {
  switch (kw) {
    case KW_INT:
    case KW_INTEGER:
    case KW_BIGINT:
    case KW_SMALLINT:
    case KW_TINYINT:
    case KW_MEDIUMINT:
    case KW_CHAR:
    case KW_VARCHAR:
    case KW_BINARY:
    case KW_VARBINARY:
    case KW_DECIMAL:
    case KW_NUMERIC:
    case KW_FLOAT:
    case KW_DOUBLE:
    case KW_REAL:
    case KW_DEC:
      return true;
    default:
      return false;
  }
}

bool IsWordToken(const Token& t) {
  return t.kind == Tok::kIdent || t.kind == Tok::kQuotedIdent;
}

}  // namespace

void Formatter::Tokens(const List<Token>& toks) {
  auto StartsWithDigit = [this](const Token& t) {
    return t.len > 0 && sql_[t.pos] >= '0' && sql_[t.pos] <= '9';
  };
  const Token* prev = nullptr;
  for (const Token& t : toks) {
    if (prev != nullptr) {
      bool space = true;
      if (prev->kind == Tok::kLParen) space = false;
      if (t.kind == Tok::kRParen || t.kind == Tok::kComma ||
          t.kind == Tok::kSemicolon || t.kind == Tok::kColon) {
        space = false;
      }
      // Qualified names stay glued (a.b, a.*); a dot elsewhere keeps its
      // spaces so that "1 ." does not become the number "1.".
      if (t.kind == Tok::kDot &&
          (IsWordToken(*prev) || prev->kind == Tok::kStar))
        space = false;
      if (prev->kind == Tok::kDot &&
          ((IsWordToken(t) && !StartsWithDigit(t)) || t.kind == Tok::kStar)) {
        space = false;
      }
      // `t`0 lexes "0" as an identifier only when glued: keep it glued.
      if (t.kind == Tok::kIdent && IsWordToken(*prev) &&
          prev->pos + prev->len == t.pos && StartsWithDigit(t)) {
        space = false;
      }
      // f(x) stays glued (built-in functions need it); "t (a int)" keeps
      // its space.
      if (t.kind == Tok::kLParen &&
          (prev->kind == Tok::kIdent || prev->kind == Tok::kQuotedIdent) &&
          (IsTypeKeyword(prev->kw) || prev->pos + prev->len == t.pos)) {
        space = false;
      }
      // 'user'@'host' and `root`@`localhost` stay glued.
      if (t.kind == Tok::kUserVar && prev->pos + prev->len == t.pos) {
        space = false;
      }
      // Dots glued in the source stay glued (MariaDB's FOR i IN 1..3 lexes
      // as "1." ".3", which it reads only without a space).
      if (prev->pos + prev->len == t.pos && t.len > 0 && prev->len > 0 &&
          (sql_[t.pos] == '.' || sql_[prev->pos + prev->len - 1] == '.')) {
        space = false;
      }
      if (space) Put(" ");
    }
    absl::string_view text = sql_.substr(t.pos, t.len);
    // `\N` (NULL) stays as written: the statement's typed grammar may read
    // `null` where it refused `\N`, and the canonical form must not change.
    if (t.kind == Tok::kIdent && t.kw != KW_NONE &&
        ClassOf(t.kw) == KeywordClass::kReserved && text[0] != '\\') {
      Put(KeywordText(t.kw));
    } else if (t.kind == Tok::kQuotedIdent && text[0] == '`') {
      // Kept quoted: in a statement we do not understand, unquoting could
      // turn a name into a keyword or option.
      Put(text);
    } else if (t.kind == Tok::kQuotedIdent) {
      Ident(sql::Ident{text.substr(1, text.size() - 2), text[0]});
    } else {
      Put(text);
    }
    prev = &t;
  }
}

void Formatter::Assignments(const List<Assignment>& a) {
  for (uint32_t i = 0; i < a.size; ++i) {
    if (i > 0) Put(", ");
    Expr(a[i].column);
    Put(" = ");
    Expr(a[i].value);
  }
}

namespace {

void Insert(Formatter& f, const InsertStmt& s) {
  f.Put(s.kind == StmtKind::kReplace ? "replace " : "insert ");
  if (!s.hint.empty()) f.Put(s.hint), f.Put(" ");
  switch (s.priority) {
    case Priority::kLow:
      f.Put("low_priority ");
      break;
    case Priority::kDelayed:
      f.Put("delayed ");
      break;
    case Priority::kHigh:
      f.Put("high_priority ");
      break;
    default:
      break;
  }
  if (s.ignore) f.Put("ignore ");
  f.Put("into ");
  f.Name(s.table);
  if (s.partitions.size > 0) f.Put(" partition "), f.Idents(s.partitions);
  if (s.has_columns) f.Put(" "), f.Idents(s.columns);
  if (s.set_form) {
    f.Put(" set ");
    f.Assignments(s.set);
  } else if (s.query != nullptr) {
    f.Put(" ");
    f.Query(s.query);
  } else {
    f.Put(" values ");
    for (uint32_t i = 0; i < s.rows.size; ++i) {
      if (i > 0) f.Put(", ");
      f.Put(s.row_keyword ? "row(" : "(");
      f.Exprs(s.rows[i]);
      f.Put(")");
    }
  }
  if (!s.row_alias.empty()) {
    f.Put(" as ");
    f.Ident(s.row_alias);
    if (s.row_alias_columns.size > 0) f.Idents(s.row_alias_columns);
  }
  if (s.on_dup.size > 0) {
    f.Put(" on duplicate key update ");
    f.Assignments(s.on_dup);
  }
  if (s.returning.size > 0) f.Put(" returning "), f.SelectItems(s.returning);
}

void PortionOf(Formatter& f, const sql::PortionOf& p) {
  f.Put(" for portion of ");
  f.Ident(p.period);
  f.Put(" from ");
  f.Expr(p.from);
  f.Put(" to ");
  f.Expr(p.to);
}

void Update(Formatter& f, const UpdateStmt& s) {
  f.With(s.with);
  f.Put("update ");
  if (!s.hint.empty()) f.Put(s.hint), f.Put(" ");
  if (s.low_priority) f.Put("low_priority ");
  if (s.ignore) f.Put("ignore ");
  if (s.portion != nullptr) {
    // t [PARTITION (p)] FOR PORTION OF ... [AS alias]: the alias follows.
    const auto* t = static_cast<const TableFactor*>(s.tables[0]);
    f.Name(t->name);
    if (t->partitions.size > 0) f.Put(" partition "), f.Idents(t->partitions);
    PortionOf(f, *s.portion);
    if (!t->alias.empty()) f.Put(" as "), f.Ident(t->alias);
  } else {
    f.TableRefs(s.tables);
  }
  f.Put(" set ");
  f.Assignments(s.set);
  if (s.where != nullptr) f.Put(" where "), f.Expr(s.where);
  if (s.order_by.size > 0) f.Put(" order by "), f.OrderBy(s.order_by);
  if (s.limit != nullptr) f.Limit(s.limit);
}

void Delete(Formatter& f, const DeleteStmt& s) {
  f.With(s.with);
  f.Put("delete ");
  if (!s.hint.empty()) f.Put(s.hint), f.Put(" ");
  if (s.low_priority) f.Put("low_priority ");
  if (s.quick) f.Put("quick ");
  if (s.ignore) f.Put("ignore ");
  if (s.history) f.Put("history ");
  auto targets = [&]() {
    for (uint32_t i = 0; i < s.targets.size; ++i) {
      if (i > 0) f.Put(", ");
      f.Name(s.targets[i]);
    }
  };
  if (s.targets.size == 0) {
    // Single-table form: DELETE FROM t [AS a] [PARTITION (p)] (alias first,
    // unlike a FROM clause).
    const auto* t = static_cast<const TableFactor*>(s.from[0]);
    f.Put("from ");
    f.Name(t->name);
    if (!t->alias.empty()) f.Put(" as "), f.Ident(t->alias);
    if (t->partitions.size > 0) f.Put(" partition "), f.Idents(t->partitions);
    if (s.portion != nullptr) PortionOf(f, *s.portion);
  } else if (s.using_form) {
    f.Put("from ");
    targets();
    f.Put(" using ");
    f.TableRefs(s.from);
  } else {
    targets();
    f.Put(" from ");
    f.TableRefs(s.from);
  }
  if (s.before != nullptr) f.BeforeSystemTime(*s.before);
  if (s.where != nullptr) f.Put(" where "), f.Expr(s.where);
  if (s.order_by.size > 0) f.Put(" order by "), f.OrderBy(s.order_by);
  if (s.limit != nullptr) f.Limit(s.limit);
  if (s.returning.size > 0) f.Put(" returning "), f.SelectItems(s.returning);
}

absl::string_view ScopeText(VarScope s) {
  switch (s) {
    case VarScope::kGlobal:
      return "global ";
    case VarScope::kSession:
      return "session ";
    case VarScope::kLocal:
      return "local ";
    case VarScope::kPersist:
      return "persist ";
    case VarScope::kPersistOnly:
      return "persist_only ";
    default:
      return "";
  }
}

void Set(Formatter& f, const SetStmt& s) {
  if (s.role != nullptr) {
    f.SetRole(*s.role);
    return;
  }
  f.Put(s.inner != nullptr ? "set statement " : "set ");
  for (uint32_t i = 0; i < s.items.size; ++i) {
    const SetItem& it = s.items[i];
    if (i > 0) f.Put(", ");
    f.Put(ScopeText(it.scope));
    switch (it.kind) {
      case SetItemKind::kVar:
        f.Expr(it.target);
        f.Put(" = ");
        f.Expr(it.value);
        break;
      case SetItemKind::kNames:
        f.Put("names ");
        if (it.charset.empty()) {
          f.Put("default");
        } else {
          f.Ident(it.charset);
          if (!it.collate.empty()) f.Put(" collate "), f.Ident(it.collate);
        }
        break;
      case SetItemKind::kCharset:
        f.Put("character set ");
        if (it.charset.empty())
          f.Put("default");
        else
          f.Ident(it.charset);
        break;
      case SetItemKind::kTransaction:
        f.Put("transaction ");
        f.Tokens(it.tokens);
        break;
      case SetItemKind::kPassword:
        f.SetPassword(*it.password);
        break;
    }
  }
  if (s.inner != nullptr) f.Put(" for "), f.Stmt(*s.inner);
}

void Txn(Formatter& f, const TxnStmt& s) {
  switch (s.kind) {
    case StmtKind::kBegin:
      f.Put(s.start_transaction ? "start transaction" : "begin");
      break;
    case StmtKind::kCommit:
      f.Put("commit");
      break;
    case StmtKind::kRollback:
      f.Put("rollback");
      break;
    case StmtKind::kSavepoint:
      f.Put("savepoint ");
      break;
    default:
      f.Put("release savepoint ");
      break;
  }
  if (s.work) f.Put(" work");
  if (s.kind == StmtKind::kRollback && !s.savepoint.empty()) {
    f.Put(" to savepoint ");
  }
  if (!s.savepoint.empty()) f.Ident(s.savepoint);
  if (s.characteristics.size > 0) {
    f.Put(" ");
    f.Tokens(s.characteristics);
  }
}

void Explain(Formatter& f, const ExplainStmt& s) {
  f.Put(s.kind == StmtKind::kExplain ? "explain" : "describe");
  if (s.options.size > 0) f.Put(" "), f.Tokens(s.options);
  if (s.inner != nullptr) {
    f.Put(" ");
    f.Stmt(*s.inner);
    return;
  }
  if (!s.table.name.empty()) {
    f.Put(" ");
    f.Name(s.table);
    if (!s.column.empty()) f.Put(" "), f.Ident(s.column);
  }
}

}  // namespace

void Formatter::Stmt(const sql::Stmt& s) {
  if (s.typed) {
    if (!DmlOther(static_cast<const OtherStmt&>(s))) {
      TypedOther(static_cast<const OtherStmt&>(s));
    }
    return;
  }
  if (s.opaque) {
    Tokens(static_cast<const OtherStmt&>(s).tokens);
    return;
  }
  switch (s.kind) {
    case StmtKind::kSelect:
      Query(static_cast<const SelectStmt&>(s).query);
      return;
    case StmtKind::kInsert:
    case StmtKind::kReplace:
      Insert(*this, static_cast<const InsertStmt&>(s));
      return;
    case StmtKind::kUpdate:
      Update(*this, static_cast<const UpdateStmt&>(s));
      return;
    case StmtKind::kDelete:
      Delete(*this, static_cast<const DeleteStmt&>(s));
      return;
    case StmtKind::kSet:
      Set(*this, static_cast<const SetStmt&>(s));
      return;
    case StmtKind::kUse:
      Put("use ");
      Ident(static_cast<const UseStmt&>(s).db);
      return;
    case StmtKind::kBegin:
    case StmtKind::kCommit:
    case StmtKind::kRollback:
    case StmtKind::kSavepoint:
    case StmtKind::kReleaseSavepoint:
      Txn(*this, static_cast<const TxnStmt&>(s));
      return;
    case StmtKind::kCreateTable:
      CreateTable(static_cast<const CreateTableStmt&>(s));
      return;
    case StmtKind::kExplain:
    case StmtKind::kDescribe:
      Explain(*this, static_cast<const ExplainStmt&>(s));
      return;
    default:
      return;
  }
}

std::string Format(const ParsedStatement& stmt, const FormatOptions& options) {
  std::string out;
  AppendFormatted(stmt, options, &out);
  return out;
}

void AppendFormatted(const ParsedStatement& stmt, const FormatOptions& options,
                     std::string* out) {
  Formatter(stmt.sql(), options, out, /*padded=*/true).Stmt(*stmt.root());
}

void FormatStmt(const sql::Stmt& stmt, absl::string_view sql,
                const FormatOptions& options, std::string* out) {
  Formatter(sql, options, out).Stmt(stmt);
}

void FormatExpr(const sql::Expr& expr, absl::string_view sql,
                const FormatOptions& options, std::string* out) {
  Formatter(sql, options, out).Expr(&expr);
}

}  // namespace tessera::sql
