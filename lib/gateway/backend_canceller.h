// KILL QUERY for a gateway session's backend connection, sent over a short
// side connection (libmariadb, blocking: call it from a worker thread). Used
// by the passthrough sessions as their mysql::QueryCanceller.
#ifndef TESSERA_LIB_GATEWAY_BACKEND_CANCELLER_H_
#define TESSERA_LIB_GATEWAY_BACKEND_CANCELLER_H_

#include <atomic>

#include "lib/gateway/passthrough_session.h"
#include "lib/mysql/session.h"
#include "mariadb/mysql.h"

namespace tessera::gateway {

// Sets a libmariadb connection's TLS options from `tls` (before
// mysql_real_connect); nothing when TLS to the backend is off.
void ApplyBackendTls(MYSQL* m, const BackendTlsOptions& tls);

class BackendCanceller : public mysql::QueryCanceller {
 public:
  // `options` must outlive the canceller.
  explicit BackendCanceller(const BackendOptions& options)
      : options_(options) {}
  // The backend's thread id of the connection to interrupt (0: none).
  void set_thread_id(unsigned long id) { thread_id_ = id; }

  void Cancel() override;

 private:
  const BackendOptions& options_;
  std::atomic<unsigned long> thread_id_{0};
};

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_BACKEND_CANCELLER_H_
