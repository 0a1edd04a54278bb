// Formatting of index options and foreign key REFERENCES clauses.
#include "lib/sql/formatter_internal.h"

namespace tessera::sql {
namespace {

const char* ActionText(RefAction a) {
  switch (a) {
    case RefAction::kRestrict:
      return "restrict";
    case RefAction::kCascade:
      return "cascade";
    case RefAction::kSetNull:
      return "set null";
    case RefAction::kNoAction:
      return "no action";
    case RefAction::kSetDefault:
      return "set default";
    case RefAction::kNone:
      break;
  }
  return "";
}

}  // namespace

void Formatter::IndexOptions(const List<IndexOption>& opts) {
  for (const IndexOption& o : opts) {
    switch (o.kind) {
      case IndexOptionKind::kUsing:
        Put(" using "), Put(o.value);
        break;
      case IndexOptionKind::kKeyBlockSize:
        Put(" key_block_size = "), Put(o.value);
        break;
      case IndexOptionKind::kComment:
        Put(" comment "), Literal(*o.text);
        break;
      case IndexOptionKind::kVisible:
        Put(" visible");
        break;
      case IndexOptionKind::kInvisible:
        Put(" invisible");
        break;
      case IndexOptionKind::kIgnored:
        Put(" ignored");
        break;
      case IndexOptionKind::kNotIgnored:
        Put(" not ignored");
        break;
      case IndexOptionKind::kWithParser:
        Put(" with parser "), Ident(sql::Ident{o.value, 0});
        break;
      case IndexOptionKind::kEngineAttribute:
        Put(" "), Put(o.name), Put(" = "), Literal(*o.text);
        break;
      case IndexOptionKind::kAttribute:
        Put(" "), Put(o.name), Put(" = "), Put(o.value);
        break;
    }
  }
}

void Formatter::References(const sql::References& r) {
  Put("references ");
  Name(r.table);
  if (r.columns.size > 0) Put(" "), Idents(r.columns);
  switch (r.match) {
    case RefMatch::kFull:
      Put(" match full");
      break;
    case RefMatch::kPartial:
      Put(" match partial");
      break;
    case RefMatch::kSimple:
      Put(" match simple");
      break;
    case RefMatch::kNone:
      break;
  }
  if (r.on_delete != RefAction::kNone)
    Put(" on delete "), Put(ActionText(r.on_delete));
  if (r.on_update != RefAction::kNone)
    Put(" on update "), Put(ActionText(r.on_update));
}

}  // namespace tessera::sql
