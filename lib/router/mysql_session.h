// The router behind the MySQL protocol server: one router Session per client
// connection (tessera-gateway's sharded mode).
#ifndef TESSERA_LIB_ROUTER_MYSQL_SESSION_H_
#define TESSERA_LIB_ROUTER_MYSQL_SESSION_H_

#include <memory>

#include "lib/mysql/session.h"
#include "tessera/router.h"

namespace tessera::router {

// `router` must outlive the factory and every session it creates.
std::unique_ptr<mysql::SessionFactory> NewRouterSessionFactory(
    tessera::Router* router);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_MYSQL_SESSION_H_
