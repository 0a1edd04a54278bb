// The etcd:// backend: a topo::Conn over a real etcd v3 cluster (gRPC).
//
// Keys live under the URL's root ("etcd://h:p/tessera" stores "a/b" as
// "tessera/a/b"). Versions are etcd mod revisions; Create/Update/Delete are
// single etcd transactions comparing create_revision/mod_revision. Watches
// use etcd's watch stream and, when a member dies or etcd restarts, reconnect
// (to any endpoint) and resume from the revision after the last event seen.
// Locks are keys attached to a lease of the lock's TTL, kept alive by a
// background stream; if the holder dies etcd deletes the key when the lease
// expires. Handles must be destroyed before the EtcdConn.
#ifndef TESSERA_LIB_TOPO_ETCD_CONN_H_
#define TESSERA_LIB_TOPO_ETCD_CONN_H_

#include <memory>
#include <string>

#include "lib/topo/conn.h"
#include "lib/topo/etcd_client.h"

namespace tessera::topo {

class EtcdConn : public Conn {
 public:
  // Connects lazily: an unreachable cluster makes the first operation fail
  // with kUnavailable, not Connect.
  static absl::StatusOr<std::unique_ptr<EtcdConn>> Connect(
      const EtcdOptions& options);

  absl::StatusOr<KeyValue> Get(absl::string_view key) override;
  absl::StatusOr<Version> Create(absl::string_view key,
                                 absl::string_view value) override;
  absl::StatusOr<Version> Update(absl::string_view key, absl::string_view value,
                                 Version expected) override;
  absl::Status Delete(absl::string_view key, Version expected) override;
  absl::StatusOr<std::vector<KeyValue>> List(absl::string_view prefix) override;
  absl::StatusOr<Version> Revision() override;
  absl::StatusOr<std::unique_ptr<WatchHandle>> Watch(absl::string_view key,
                                                     bool prefix, Version from,
                                                     WatchCallback cb) override;
  absl::StatusOr<std::unique_ptr<LockHandle>> Lock(
      absl::string_view path, absl::Duration ttl, absl::string_view owner,
      absl::Time deadline) override;
  absl::StatusOr<std::string> LockOwner(absl::string_view path) override;

  // Internal (used by the watch and lock helpers).
  std::string FullKey(absl::string_view key) const;
  std::string StripRoot(absl::string_view full) const;
  internal::EtcdClient* client() { return client_.get(); }

 private:
  explicit EtcdConn(std::unique_ptr<internal::EtcdClient> client);
  // Reads `full_key`; kNotFound if absent.
  absl::StatusOr<etcdserverpb::KeyValue> RawGet(const std::string& full_key);
  // Runs a compare-and-set transaction on `key`, adding a failure branch
  // that reads the key. `resent`: see EtcdClient::Unary.
  absl::Status Txn(absl::string_view key, etcdserverpb::TxnRequest& req,
                   etcdserverpb::TxnResponse* resp, bool* resent);

  std::unique_ptr<internal::EtcdClient> client_;
  std::string prefix_;  // root + "/", or ""
};

// The end of the etcd range of keys starting with `prefix` ("\0" for all).
std::string EtcdPrefixEnd(absl::string_view prefix);

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_ETCD_CONN_H_
