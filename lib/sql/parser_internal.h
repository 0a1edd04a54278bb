// The recursive-descent parser (internal; use parser.h).
#ifndef TESSERA_LIB_SQL_PARSER_INTERNAL_H_
#define TESSERA_LIB_SQL_PARSER_INTERNAL_H_

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "lib/sql/parser.h"

namespace tessera::sql {

// Binding strength of operators, weakest first.
enum Prec : int {
  kPrecAssign = 1,
  kPrecOr,
  kPrecXor,
  kPrecAnd,
  kPrecNot,
  kPrecCmp,
  kPrecPred,
  kPrecBitOr,
  kPrecBitAnd,
  kPrecShift,
  kPrecAdd,
  kPrecMul,
  kPrecBitXor,
  kPrecConcat,  // || under PIPES_AS_CONCAT
  kPrecUnary,
  kPrecPostfix,
  kPrecPrimary,
};

// A growable array for building AST lists: up to N elements on the stack
// (16 for small elements), then on the heap; ToList() copies it into the
// arena in one go. Elements must be trivially destructible (AST types are).
template <typename T, size_t N = std::clamp<size_t>(1024 / sizeof(T), 4, 16)>
class ScratchVec {
  static_assert(std::is_trivially_destructible_v<T>);

 public:
  ScratchVec() = default;
  ScratchVec(std::initializer_list<T> items) {
    for (const T& x : items) push_back(x);
  }
  template <typename It>
  ScratchVec(It first, It last) {
    for (; first != last; ++first) push_back(*first);
  }
  ScratchVec(const ScratchVec&) = delete;
  ScratchVec& operator=(const ScratchVec&) = delete;
  ~ScratchVec() {
    if (__builtin_expect(data_ != Inline(), 0)) std::free(data_);
  }

  void push_back(const T& x) {
    if (size_ == cap_) Grow();
    new (data_ + size_) T(x);
    ++size_;
  }
  template <typename... A>
  T& emplace_back(A&&... a) {
    if (size_ == cap_) Grow();
    return *new (data_ + size_++) T(std::forward<A>(a)...);
  }
  void pop_back() { --size_; }
  void clear() { size_ = 0; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T& front() { return data_[0]; }
  T& back() { return data_[size_ - 1]; }
  const T& back() const { return data_[size_ - 1]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  T* Inline() { return reinterpret_cast<T*>(inline_); }
  // Out of line: the inlined push_back then costs its callers no registers.
  [[gnu::noinline]] void Grow() {
    size_t cap = size_t{cap_} * 2;
    T* d = static_cast<T*>(std::malloc(cap * sizeof(T)));
    if (d == nullptr) std::abort();
    for (size_t i = 0; i < size_; ++i) new (d + i) T(data_[i]);
    if (data_ != Inline()) std::free(data_);
    data_ = d;
    cap_ = static_cast<uint32_t>(cap);
  }

  T* data_ = Inline();
  uint32_t size_ = 0;
  uint32_t cap_ = N;
  alignas(T) unsigned char inline_[N * sizeof(T)];
};

template <typename T>
using Vec = ScratchVec<T>;

class Parser {
 public:
  // `tokens` ends with a kEnd token.
  Parser(absl::string_view sql, const ParseOptions& options, Arena* arena,
         absl::Span<const Token> tokens, const std::vector<HintComment>* hints);

  // Parses the whole token stream as one statement.
  Stmt* ParseStatement();
  absl::Status status() const;

  // ---- token access ----
  // The token array ends with a kEnd token; looking past it gives kEnd.
  // cur_ never passes that token, so Peek() needs no bounds check.
  const Token& Peek() const { return *cur_; }
  const Token& Peek(size_t k) const {
    return k < static_cast<size_t>(last_ - cur_) ? cur_[k] : *last_;
  }
  // The token before the current one (the current one at the start).
  const Token& Previous() const { return cur_ > tok_ ? cur_[-1] : *cur_; }
  const Token& Next() {
    const Token* t = cur_;
    cur_ += cur_ < last_;
    return *t;
  }
  // The index of the current token, and a jump back to a saved index.
  size_t Pos() const { return static_cast<size_t>(cur_ - tok_); }
  void SetPos(size_t i) { cur_ = tok_ + i; }
  bool Is(Tok t) const { return Peek().kind == t; }
  // A kIdent token spelled as a word (not `\N`, which lexes as NULL).
  bool IsPlainWord() const {
    return Peek().kind == Tok::kIdent && IsIdentChar(sql_[Peek().pos]);
  }
  bool Is(Tok t, size_t k) const { return Peek(k).kind == t; }
  // Only kIdent tokens carry a keyword.
  bool IsKw(Keyword kw) const { return Peek().kw == kw; }
  bool IsKw(Keyword kw, size_t k) const { return Peek(k).kw == kw; }
  bool Accept(Tok t) {
    if (!Is(t)) return false;
    cur_ += cur_ < last_;
    return true;
  }
  bool AcceptKw(Keyword kw) {
    if (!IsKw(kw)) return false;
    cur_ += cur_ < last_;
    return true;
  }
  bool Expect(Tok t) { return Accept(t) || Fail(); }
  bool ExpectKw(Keyword kw) { return AcceptKw(kw) || Fail(); }
  absl::string_view Text(const Token& t) const {
    return sql_.substr(t.pos, t.len);
  }
  // Records a syntax error at the current token; always returns false.
  bool Fail();
  bool failed() const { return failed_; }
  const ParseOptions& options() const { return options_; }
  // Depth check; pair with Leave(). Past the limit, records the error.
  bool Enter() { return ++depth_ <= max_depth_ || TooDeep(); }
  // Whether one more level (Enter()) would still be within the limit.
  bool CanEnter() const { return depth_ < max_depth_; }
  bool TooDeep();
  void Leave() { --depth_; }

  template <typename T, typename... A>
  T* New(A&&... a) {
    return arena_->New<T>(std::forward<A>(a)...);
  }
  template <typename T, size_t N>
  List<T> ToList(const ScratchVec<T, N>& v) {
    List<T> l;
    l.size = static_cast<uint32_t>(v.size());
    if (l.size == 0) return l;
    l.data = static_cast<T*>(arena_->Allocate(sizeof(T) * l.size, alignof(T)));
    if constexpr (std::is_trivially_copyable_v<T>) {
      // One element (a common list) without a call to memcpy.
      if (l.size == 1) {
        std::memcpy(static_cast<void*>(l.data), v.data(), sizeof(T));
      } else {
        std::memcpy(static_cast<void*>(l.data), v.data(), sizeof(T) * l.size);
      }
    } else {
      for (size_t i = 0; i < l.size; ++i) new (l.data + i) T(v[i]);
    }
    return l;
  }
  absl::string_view HintAfter(size_t token_index) const;
  absl::string_view Copy(absl::string_view s);

  // ---- identifiers ----
  // Usable as an identifier here.
  static bool IsIdentToken(const Token& t) {
    return t.kind == Tok::kQuotedIdent ||
           (t.kind == Tok::kIdent && ClassOf(t.kw) != KeywordClass::kReserved);
  }
  bool IsIdent() const { return IsIdentToken(Peek()); }
  bool IsIdent(size_t k) const { return IsIdentToken(Peek(k)); }
  bool ParseIdent(Ident* out);
  bool ParseAnyWord(Ident* out);  // any word, even reserved (charsets)
  bool ParseTableName(TableName* out);
  Ident IdentOf(const Token& t) const {
    if (t.kind == Tok::kQuotedIdent) {
      return Ident{absl::string_view(sql_.data() + t.pos + 1, t.len - 2),
                   sql_[t.pos]};
    }
    return Ident{absl::string_view(sql_.data() + t.pos, t.len), 0};
  }

  // ---- expressions (parse_expr.cc, parse_func.cc) ----
  Expr* ParseExpr() { return ParseExprPrec(kPrecAssign); }
  Expr* ParseExprPrec(int min);
  Expr* ParseUnary();
  Expr* ParsePipesConcat(Expr* left);  // at ||, under PIPES_AS_CONCAT
  Expr* ParsePostfix(Expr* operand);   // COLLATE, -> and ->> after a primary
  Expr* MaybePostfix(Expr* operand) {
    const Token& t = Peek();
    return t.kw == KW_COLLATE || t.kind == Tok::kArrow || t.kind == Tok::kArrow2
               ? ParsePostfix(operand)
               : operand;
  }
  Expr* ParsePrimary();
  bool ParseExprList(List<Expr*>* out);  // a, b, c
  Expr* ParseParenthesized();
  Expr* ParseIdentExpr();
  Expr* ParseQualifiedName();  // ParseIdentExpr beyond name and t.name
  Expr* ParseFunction(Ident db, const Token& name);
  bool ParseFuncArgs(FuncCall* f, const Token& name);
  Expr* ParseCase();
  Expr* ParseCast(bool convert);
  Expr* ParseMatch();
  Literal* ParseLiteral();
  Expr* ParseInterval();
  DataType* ParseDataType(bool cast);
  bool ParseWindowSpec(WindowSpec** out);
  bool ParseOver(FuncCall* f);
  bool ParseOrderBy(List<OrderItem>* out);  // after ORDER BY
  bool IsQueryStart(size_t k = 0) const;
  bool IsIntervalUnit(const Token& t) const;

  // ---- queries (parse_query.cc, parse_from.cc) ----
  QueryExpr* ParseQueryExpr();
  QueryExpr* ParseQueryContinuation(QueryExpr* first);
  QueryExpr* ParseSetOps(QueryExpr* left, int level);
  QueryExpr* ParseQueryTerm();
  Select* ParseSelectCore();
  bool ParseQueryTail(QueryExpr* q);
  WithClause* ParseWith();
  bool ParseSelectItems(List<SelectItem>* out);
  bool ParseAlias(Ident* out, bool allow_string);
  bool ParseLimit(Limit** out);
  bool ParseLock(LockClause** out);
  bool ParseInto(IntoClause** out);
  bool ParseTableRefs(List<TableRef*>* out);
  TableRef* ParseJoinedTable();
  TableRef* ParseTableFactor();
  bool ParseIndexHints(List<IndexHint>* out);
  bool ParseIdentList(List<Ident>* out, bool allow_empty = false);  // (a, b)
  bool ParseRows(List<List<Expr*>>* rows, bool* row_keyword);

  // ---- statements (parse_dml.cc, parse_stmt.cc) ----
  Stmt* ParseInsert(StmtKind kind);
  Stmt* ParseUpdate(WithClause* with);
  Stmt* ParseDelete(WithClause* with);
  bool ParseAssignments(List<Assignment>* out);
  Stmt* ParseSet();
  Stmt* ParseTxn();
  Stmt* ParseExplain();
  Stmt* ParseOther(StmtKind kind);
  // CREATE TABLE (parse_ddl.cc).
  Stmt* ParseCreateTable();
  ColumnDef* ParseColumnDef();
  IndexDef* ParseIndexDef();
  bool IsVectorIndexStart() const;
  bool ParseKeyParts(List<IndexPart>* out);
  List<Token> TokensUntilElementEnd();
  // Table options and partitioning (parse_options.cc).
  bool IsWord(absl::string_view word, size_t k = 0) const;  // any case
  bool AcceptWord(absl::string_view word);
  absl::string_view LowerCopy(absl::string_view s);
  bool IsTableOptionStart() const;
  bool ParseTableOption(TableOption* o);
  bool ParseTableOptions(List<TableOption>* out, bool commas);
  bool ParsePartitionBy(PartitionBy* b);
  bool ParsePartitionValues(PartitionDef* d);
  bool ParsePartitionDefs(List<PartitionDef>* out);
  PartitionSpec* ParsePartitionSpec();
  // ALTER TABLE (parse_alter.cc).
  Stmt* ParseAlterTable();
  bool ParseAlterSpec(AlterSpec* a);
  bool ParseColumnPosition(AlterSpec* a);
  bool ParseIfExists();
  bool ParseIfNotExists();
  // DROP, TRUNCATE, RENAME, CREATE INDEX/VIEW/DATABASE (parse_ddl_misc.cc).
  Stmt* ParseDrop(StmtKind kind);
  Stmt* ParseTruncate();
  Stmt* ParseRenameTable();
  Stmt* ParseCreateIndex();
  Stmt* ParseView(StmtKind kind);
  Stmt* ParseDatabase(StmtKind kind);
  // SHOW and LOAD DATA (parse_show.cc).
  Stmt* ParseShow();
  bool ParseShowFilter(ShowStmt* s);
  Stmt* ParseLoadData();
  // Typed parse of a classified statement, or nullptr (parse_stmt.cc).
  Stmt* ParseTypedOther(StmtKind kind);
  bool KeepAsTokens(StmtKind kind) const;
  Stmt* ParseUse();
  bool AtStatementEnd() const { return Is(Tok::kEnd) || Is(Tok::kSemicolon); }
  List<Token> TokensUntilEnd();

 private:
  absl::string_view sql_;
  const ParseOptions& options_;
  Arena* arena_;
  absl::Span<const Token> tokens_;
  const std::vector<HintComment>& hints_;
  const Token* tok_;   // tokens_.data()
  const Token* last_;  // the kEnd token
  const Token* cur_;   // the current token
  int depth_ = 0;
  int max_depth_;  // options_.max_depth
  bool failed_ = false;
  bool too_deep_ = false;
  size_t error_pos_ = 0;
};

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_PARSER_INTERNAL_H_
