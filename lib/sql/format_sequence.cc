// Formatting of MariaDB CREATE/ALTER/DROP SEQUENCE.
#include "lib/sql/formatter_internal.h"

namespace tessera::sql {
namespace {

const char* SeqWord(SeqOptionKind k) {
  switch (k) {
    case SeqOptionKind::kIncrement:
      return "increment by";
    case SeqOptionKind::kMinValue:
      return "minvalue";
    case SeqOptionKind::kNoMinValue:
      return "nominvalue";
    case SeqOptionKind::kMaxValue:
      return "maxvalue";
    case SeqOptionKind::kNoMaxValue:
      return "nomaxvalue";
    case SeqOptionKind::kStart:
      return "start with";
    case SeqOptionKind::kCache:
      return "cache";
    case SeqOptionKind::kNoCache:
      return "nocache";
    case SeqOptionKind::kCycle:
      return "cycle";
    case SeqOptionKind::kNoCycle:
      return "nocycle";
    case SeqOptionKind::kRestart:
      return "restart";
  }
  return "";
}

}  // namespace

void Formatter::Sequence(const SequenceStmt& s) {
  switch (s.kind) {
    case StmtKind::kCreateOther:
      Put("create ");
      break;
    case StmtKind::kAlterOther:
      Put("alter ");
      break;
    default:
      Put("drop ");
      break;
  }
  if (s.or_replace) Put("or replace ");
  if (s.temporary) Put("temporary ");
  Put("sequence ");
  if (s.if_not_exists) Put("if not exists ");
  if (s.if_exists) Put("if exists ");
  for (uint32_t i = 0; i < s.names.size; ++i) {
    if (i > 0) Put(", ");
    Name(s.names[i]);
  }
  if (s.as_type != nullptr) Put(" as "), Type(*s.as_type);
  for (const SeqOption& o : s.options) {
    Put(" ");
    Put(SeqWord(o.kind));
    if (o.value.empty()) continue;
    Put(o.kind == SeqOptionKind::kRestart ? " with " : " ");
    Put(o.value);
  }
  TableOptions(s.table_options);
}

}  // namespace tessera::sql
