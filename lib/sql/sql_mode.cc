// ParseOptionsForSqlMode: the parser options a session's sql_mode implies.
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "lib/sql/parser.h"

namespace tessera::sql {

ParseOptions ParseOptionsForSqlMode(absl::string_view sql_mode,
                                    ParseOptions base) {
  base.lex.ansi_quotes = false;
  base.lex.no_backslash_escapes = false;
  base.pipes_as_concat = false;
  base.high_not_precedence = false;
  for (absl::string_view part : absl::StrSplit(sql_mode, ',')) {
    std::string m = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(part));
    if (m == "ANSI_QUOTES") {
      base.lex.ansi_quotes = true;
    } else if (m == "NO_BACKSLASH_ESCAPES") {
      base.lex.no_backslash_escapes = true;
    } else if (m == "PIPES_AS_CONCAT") {
      base.pipes_as_concat = true;
    } else if (m == "HIGH_NOT_PRECEDENCE") {
      base.high_not_precedence = true;
    } else if (m == "ANSI" || m == "ORACLE" || m == "MSSQL" || m == "DB2" ||
               m == "POSTGRESQL" || m == "MAXDB") {
      // Combination modes: each includes PIPES_AS_CONCAT and ANSI_QUOTES.
      base.lex.ansi_quotes = true;
      base.pipes_as_concat = true;
    }
  }
  return base;
}

}  // namespace tessera::sql
