#include "lib/router/column_names.h"

#include "absl/strings/str_replace.h"

namespace tessera::router {
namespace {

// MariaDB cuts generated names at 256 bytes (MAX_ALIAS_NAME).
constexpr size_t kMaxAliasName = 256;

const sql::Select* FirstBlock(const sql::QueryExpr* q) {
  while (q != nullptr) {
    switch (q->kind) {
      case sql::QueryKind::kSelect:
        return static_cast<const sql::Select*>(q);
      case sql::QueryKind::kSetOp:
        q = static_cast<const sql::SetOp*>(q)->left;
        break;
      case sql::QueryKind::kParen:
        q = static_cast<const sql::ParenQuery*>(q)->inner;
        break;
      default:
        return nullptr;
    }
  }
  return nullptr;
}

bool NamedByShard(const sql::Expr* e) {
  switch (e->kind) {
    case sql::ExprKind::kColumn:
    case sql::ExprKind::kStar:
    case sql::ExprKind::kLiteral:
    case sql::ExprKind::kParam:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<std::string> ClientColumnNames(const sql::ParsedStatement& stmt) {
  if (stmt.kind() != sql::StmtKind::kSelect) return {};
  const sql::Select* sel =
      FirstBlock(static_cast<const sql::SelectStmt*>(stmt.root())->query);
  if (sel == nullptr) return {};
  std::vector<std::string> names;
  bool any = false;
  for (const sql::SelectItem& item : sel->items) {
    if (item.expr->kind == sql::ExprKind::kStar) return {};
    if (!item.alias.empty()) {  // as written, quotes undoubled
      std::string alias(item.alias.raw);
      if (item.alias.quote != 0) {
        const std::string q(1, item.alias.quote);
        alias = absl::StrReplaceAll(alias, {{q + q, q}});
      }
      names.push_back(std::move(alias));
      any = true;
      continue;
    }
    if (item.text.empty() || NamedByShard(item.expr)) {
      names.emplace_back();
      continue;
    }
    names.emplace_back(item.text.substr(0, kMaxAliasName));
    any = true;
  }
  if (!any) return {};
  return names;
}

void ApplyColumnNames(const std::vector<std::string>& names,
                      std::vector<Field>* fields) {
  if (names.size() != fields->size()) return;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!names[i].empty()) (*fields)[i].name = names[i];
  }
}

absl::Status RenamingSink::OnFields(const std::vector<Field>& fields) {
  std::vector<Field> renamed = fields;
  ApplyColumnNames(names_, &renamed);
  return sink_->OnFields(renamed);
}

}  // namespace tessera::router
