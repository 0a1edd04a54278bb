#include "lib/mysql/client/query.h"

#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"

namespace tessera::mysql {

absl::StatusOr<std::string> BuildQuery(const BackendConnection& conn,
                                       absl::string_view sql,
                                       const sqltypes::BindVars& vars,
                                       absl::Duration timeout,
                                       absl::string_view statement_vars) {
  const sqltypes::EscapeMode mode =
      conn.no_backslash_escapes() ? sqltypes::EscapeMode::kNoBackslashEscapes
                                  : sqltypes::EscapeMode::kBackslash;
  TESSERA_ASSIGN_OR_RETURN(std::string q,
                           sqltypes::SubstituteBindVars(sql, vars, mode));
  const bool timed = timeout > absl::ZeroDuration();
  if (!timed && statement_vars.empty()) return q;
  std::string out = "SET STATEMENT ";
  out.append(statement_vars.data(), statement_vars.size());
  if (timed) {
    absl::StrAppend(&out, statement_vars.empty() ? "" : ", ",
                    "max_statement_time=", absl::ToDoubleSeconds(timeout));
  }
  absl::StrAppend(&out, " FOR ", q);
  return out;
}

}  // namespace tessera::mysql
