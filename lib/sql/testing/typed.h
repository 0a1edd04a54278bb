// Test support for the typed-AST tests (ddl_test, ddl_typed_test,
// grammar_typed_test, grammar2_typed_test): a parsed statement's root as its
// node type.
#ifndef TESSERA_LIB_SQL_TESTING_TYPED_H_
#define TESSERA_LIB_SQL_TESTING_TYPED_H_

#include "lib/sql/ast_ddl.h"
#include "lib/sql/ast_stmt.h"
#include "lib/sql/parser.h"

namespace tessera::sql::testing {

// The root as T if it is a typed statement (an OtherStmt formatted from its
// fields, Stmt::typed), else nullptr.
template <typename T>
const T* Typed(const ParsedStatement& p) {
  const Stmt* root = p.root();
  return root != nullptr && root->typed ? static_cast<const T*>(root) : nullptr;
}

// As above, and only if the statement is of `kind`.
template <typename T>
const T* Typed(const ParsedStatement& p, StmtKind kind) {
  const Stmt* root = p.root();
  return root != nullptr && root->kind == kind ? Typed<T>(p) : nullptr;
}

// The root as a CREATE TABLE parsed into its typed node (not kept as an
// opaque token stream), else nullptr.
inline const CreateTableStmt* TypedCreateTable(const ParsedStatement& p) {
  const Stmt* root = p.root();
  if (root == nullptr || root->kind != StmtKind::kCreateTable || root->opaque) {
    return nullptr;
  }
  return static_cast<const CreateTableStmt*>(root);
}

}  // namespace tessera::sql::testing

#endif  // TESSERA_LIB_SQL_TESTING_TYPED_H_
