// How the router reads SQL: as the MariaDB it announces (10.11) and routes
// to. MariaDB runs the text of `/*M!NNNNNN ... */` comments and skips MySQL
// 5.7+ ones (`/*!50700 ... */` .. `/*!99999`), where the parser's default
// (MySQL 8.0) does the opposite; reading them otherwise would send the
// shards another statement than the client's.
#ifndef TESSERA_LIB_ROUTER_PARSE_OPTIONS_H_
#define TESSERA_LIB_ROUTER_PARSE_OPTIONS_H_

#include <cstdint>

#include "lib/sql/lexer.h"
#include "lib/sql/parser.h"

namespace tessera::router {

inline constexpr uint32_t kMariadbVersion = 101106;  // 10.11.6

inline sql::LexOptions RouterLexOptions() {
  sql::LexOptions o;
  o.server_version = kMariadbVersion;
  return o;
}

inline sql::ParseOptions RouterParseOptions() {
  sql::ParseOptions o;
  o.lex = RouterLexOptions();
  return o;
}

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_PARSE_OPTIONS_H_
