// libmariadb helpers for tests: Exec() and Query() against a MariadbServer.
#ifndef TESSERA_LIB_TESTING_SQL_CLIENT_H_
#define TESSERA_LIB_TESTING_SQL_CLIENT_H_

#include "lib/localcluster/sql_client.h"

namespace tessera::testing {

using ::tessera::localcluster::Exec;
using ::tessera::localcluster::MariadbServer;
using ::tessera::localcluster::Ping;
using ::tessera::localcluster::Query;
using ::tessera::localcluster::TextRow;

}  // namespace tessera::testing

#endif  // TESSERA_LIB_TESTING_SQL_CLIENT_H_
