// Splitting SQL scripts as the mariadb/mysql command-line client does:
// statements end at the current delimiter (';' at first) outside strings,
// quoted identifiers and comments, and a `DELIMITER x` line at the start of
// a statement changes the delimiter (as in mariadb-dump output for
// triggers and routines: `DELIMITER ;;` ... `END ;;` `DELIMITER ;`).
#ifndef TESSERA_LIB_SQL_SCRIPT_H_
#define TESSERA_LIB_SQL_SCRIPT_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "lib/sql/lexer.h"

namespace tessera::sql {

// The statements of `script`, without delimiters and DELIMITER commands,
// trimmed of surrounding whitespace; empty pieces are dropped. Never fails:
// an unterminated string or comment runs to the end. The views point into
// `script`.
std::vector<absl::string_view> SplitScript(absl::string_view script,
                                           const LexOptions& options = {});

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_SCRIPT_H_
