// Rows as "a|b|NULL" strings, so tests can compare a router's Result with
// what a reference server returned (sql_client Query) in one expectation.
#ifndef TESSERA_LIB_TESTING_ROWS_H_
#define TESSERA_LIB_TESTING_ROWS_H_

#include <optional>
#include <string>
#include <vector>

#include "tessera/result.h"

namespace tessera::testing {

std::vector<std::string> RowStrings(const Result& result);
std::vector<std::string> RowStrings(
    const std::vector<std::vector<std::optional<std::string>>>& rows);

}  // namespace tessera::testing

#endif  // TESSERA_LIB_TESTING_ROWS_H_
