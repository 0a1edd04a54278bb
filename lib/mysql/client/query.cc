#include "lib/mysql/client/query.h"

#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"

namespace tessera::mysql {

absl::StatusOr<std::string> BuildQuery(const BackendConnection& conn,
                                       absl::string_view sql,
                                       const sqltypes::BindVars& vars,
                                       absl::Duration timeout) {
  const sqltypes::EscapeMode mode =
      conn.no_backslash_escapes() ? sqltypes::EscapeMode::kNoBackslashEscapes
                                  : sqltypes::EscapeMode::kBackslash;
  TESSERA_ASSIGN_OR_RETURN(std::string q,
                           sqltypes::SubstituteBindVars(sql, vars, mode));
  if (timeout <= absl::ZeroDuration()) return q;
  return absl::StrCat("SET STATEMENT max_statement_time=",
                      absl::ToDoubleSeconds(timeout), " FOR ", q);
}

}  // namespace tessera::mysql
