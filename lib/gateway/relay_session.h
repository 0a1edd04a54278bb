// The relay passthrough (`--passthrough=relay`): each client connection gets
// its own backend connection, an Asio socket on the client connection's
// io_context, logged in by the gateway itself (mysql_native_password or the
// caching_sha2_password fast path, as BackendOptions::user) with the
// capabilities the client negotiated (minus TLS and compression, which stay
// per hop). Commands are forwarded as packets and the answers relayed packet
// by packet with their sequence ids (relay_framer.h): prepared statements,
// binary results and server-side cursors are the backend's own. No worker
// thread, no decoding of rows.
//
// What the gateway keeps doing itself (lib/mysql/relay.h): login, TLS,
// compression, KILL / SHOW PROCESSLIST / CONNECTION_ID() with gateway ids,
// COM_CHANGE_USER (a new backend connection), LOAD DATA LOCAL INFILE file
// reading. This session adds: keyspace restrictions on the default
// database, COM_INIT_DB and `USE db`; max_result_rows / max_result_bytes
// (an ERR 1104 packet ends the result mid-way, the rest is read from the
// backend and dropped); max prepared statements per connection (1461);
// KILL QUERY and the query timeout through a side connection
// (backend_canceller.h).
#ifndef TESSERA_LIB_GATEWAY_RELAY_SESSION_H_
#define TESSERA_LIB_GATEWAY_RELAY_SESSION_H_

#include <memory>

#include "lib/gateway/passthrough_session.h"
#include "lib/mysql/session.h"

namespace tessera::gateway {

class RelaySessionFactory : public mysql::SessionFactory {
 public:
  explicit RelaySessionFactory(BackendOptions options);

  // Errors: 1044 (42000) if the database is not among the user's keyspaces.
  // The backend connection is opened afterwards by the server
  // (PacketRelay::Open); its errors then fail the login.
  absl::StatusOr<std::unique_ptr<mysql::Session>> Create(
      const mysql::SessionContext& context) override;

 private:
  const BackendOptions options_;
};

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_RELAY_SESSION_H_
