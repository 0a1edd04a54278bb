// The formatter's internal class (use format.h).
#ifndef TESSERA_LIB_SQL_FORMATTER_INTERNAL_H_
#define TESSERA_LIB_SQL_FORMATTER_INTERNAL_H_

#include <cstring>
#include <string>

#include "absl/base/optimization.h"
#include "lib/sql/format.h"

namespace tessera::sql {

// Writes canonical SQL into a std::string. The string is grown ahead and
// written through a cursor (Put is an inline bounds check and memcpy); the
// destructor trims it to what was written, so use the string only after the
// Formatter is gone.
class Formatter {
 public:
  // Appends to *out. `padded`: `sql` is a parser's copy of the statement,
  // followed by internal::kLexPadding readable bytes
  // (ParsedStatement::sql()).
  Formatter(absl::string_view sql, const FormatOptions& options,
            std::string* out, bool padded = false);
  ~Formatter() { dest_.resize(static_cast<size_t>(cur_ - dest_.data())); }
  Formatter(const Formatter&) = delete;
  Formatter& operator=(const Formatter&) = delete;

  void Put(absl::string_view s) {
    if (ABSL_PREDICT_FALSE(s.size() > static_cast<size_t>(end_ - cur_))) {
      Grow(s.size());
    }
    if (!s.empty()) std::memcpy(cur_, s.data(), s.size());
    cur_ += s.size();
  }
  void PutChar(char c) {
    if (ABSL_PREDICT_FALSE(cur_ == end_)) Grow(1);
    *cur_++ = c;
  }
  void PutLower(absl::string_view s);
  // The output written so far (also what preceded this Formatter) and
  // editing at an earlier position.
  size_t Mark() const { return static_cast<size_t>(cur_ - dest_.data()); }
  char CharAt(size_t at) const { return dest_[at]; }
  void InsertAt(size_t at, char c);

  // Identifiers (format_ident.cc).
  void IdentName(absl::string_view name);  // backquoted if needed
  void Ident(const sql::Ident& id) {
    // Names are mostly short plain words in the statement's text; a
    // backquote is no identifier character, so `a``b` goes the slow way.
    if ((id.quote == 0 || id.quote == '`') && FastIdent(id.raw)) return;
    SlowIdent(id);
  }
  void Name(const TableName& n);
  void Idents(const List<sql::Ident>& ids);  // "(a, b)"
  void Tokens(const List<Token>& toks);      // format_stmt.cc

  // Expressions (format_expr.cc).
  // With parentheses if `e` binds less tightly than min_prec.
  void Expr(const sql::Expr* e, int min_prec = 0);
  void Exprs(const List<sql::Expr*>& list);
  void Literal(const sql::Literal& l);
  void Func(const FuncCall& f);
  void Window(const WindowSpec& w);
  void Type(const DataType& t);
  void OrderBy(const List<OrderItem>& items);
  // " level ..." / " returning ..." / " null on empty" (format_func.cc).
  void FuncExtra(const sql::FuncExtra& x);
  void JsonResponse(JtResponse r, const sql::Literal* def,
                    absl::string_view on);

  // Queries (format_query.cc).
  void Query(const QueryExpr* q);
  void QueryTail(const QueryExpr* q);
  void With(const WithClause* w);
  void Select(const sql::Select& s);
  void Into(const IntoClause& into);
  void TableRef(const sql::TableRef* t);
  void TableRefs(const List<sql::TableRef*>& refs);
  void SelectItems(const List<SelectItem>& items);
  void Limit(const sql::Limit* l);

  // Statements (format_stmt.cc).
  void Stmt(const sql::Stmt& s);
  void Assignments(const List<Assignment>& a);
  void CreateTable(const CreateTableStmt& s);  // format_ddl.cc
  void ColumnDef(const sql::ColumnDef& c);
  void IndexDef(const sql::IndexDef& d);
  void IndexParts(const sql::IndexDef& d);  // "(parts) options"
  // "period [if not exists] for x (s, e)"
  void Period(const PeriodDef& p, bool if_not_exists = false);
  // Index options and REFERENCES (format_index.cc).
  void IndexOptions(const List<IndexOption>& opts);  // " using btree ..."
  void References(const sql::References& r);         // "references t ..."
  // FOR SYSTEM_TIME, JSON_TABLE (format_table_ext.cc).
  void SystemTime(const sql::SystemTime& st);        // " for system_time ..."
  void BeforeSystemTime(const sql::SystemTime& st);  // DELETE HISTORY
  void JsonTable(const sql::JsonTable& j);
  // SET [DEFAULT] ROLE, account names (format_set_ext.cc).
  void SetRole(const sql::SetRole& r);
  void UserName(const sql::UserName& u);
  void UserNames(const List<sql::UserName>& users);  // "a, b"
  // Table options, partitioning, ALTER TABLE (format_options.cc).
  void TableOption(const sql::TableOption& o);
  void TableOptions(const List<sql::TableOption>& opts);  // " a = b c = d"
  void Partition(const PartitionSpec& p);
  void AlterTable(const AlterTableStmt& s);
  void PartitionOp(const sql::PartitionOp& op);  // format_partition_ops.cc
  // "(partition ..., ...)"; without the parentheses if !parens.
  void PartitionDefs(const List<PartitionDef>& defs, bool parens = true);
  // DROP/TRUNCATE/RENAME/CREATE INDEX/VIEW/DATABASE, SHOW, LOAD DATA
  // (format_show.cc).
  void TypedOther(const OtherStmt& s);
  // Typed DO, CALL, SIGNAL/RESIGNAL, GET DIAGNOSTICS (format_dml_ext.cc);
  // false for any other statement.
  bool DmlOther(const OtherStmt& s);
  // XA, FLUSH, GRANT/REVOKE, DROP USER (format_admin.cc).
  void Admin(const OtherStmt& s);
  // CREATE/ALTER/DROP/RENAME USER|ROLE, SET PASSWORD (format_account.cc).
  void Account(const OtherStmt& s);
  void SetPassword(const sql::SetPassword& p);
  void Sequence(
      const SequenceStmt& s);  // format_sequence.cc  // "password [for u] = x"

 private:
  // Appends `name` as is and returns true if it needs no quotes and lies in
  // the padded text with at most 16 bytes (no calls: a leaf function).
  bool FastIdent(absl::string_view name);
  // Appends `name` as is and returns true if it needs no quotes.
  bool PlainIdent(absl::string_view name);
  void SlowIdent(const sql::Ident& id);    // Ident beyond FastIdent
  void Quoted(absl::string_view name);     // `name` with ` doubled
  void QuotedIdent(const sql::Ident& id);  // Ident beyond plain names
  void OtherExpr(const sql::Expr* e);      // Expr beyond names and operators
  void Grow(size_t n);                     // room for n more bytes

  absl::string_view sql_;
  const FormatOptions& opt_;
  std::string& dest_;
  char* cur_;  // next byte to write in dest_
  char* end_;  // dest_.data() + dest_.size()
  bool padded_;
};

// Binding strength of an expression node (see Prec in parser_internal.h).
int PrecOf(const sql::Expr* e);

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_FORMATTER_INTERNAL_H_
