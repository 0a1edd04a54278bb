// EtcdConn::Lock: a key attached to a lease, kept alive by a stream.
#include <algorithm>
#include <cmath>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"
#include "lib/topo/etcd_conn.h"

namespace tessera::topo {
namespace {

using etcdserverpb::Compare;

class EtcdLock : public LockHandle {
 public:
  EtcdLock(EtcdConn* conn, int64_t lease, absl::Duration ttl)
      : conn_(conn), lease_(lease), ttl_(ttl) {
    thread_ = std::thread([this] { KeepAlive(); });
  }
  ~EtcdLock() override { Unlock().IgnoreError(); }

  void MarkHeld() {
    absl::MutexLock l(&mu_);
    held_ = true;
    last_ok_ = absl::Now();
  }

  absl::Status Unlock() override {
    {
      absl::MutexLock l(&mu_);
      if (stopped_) return absl::OkStatus();
      stopped_ = true;
      held_ = false;
      if (ctx_ != nullptr) ctx_->TryCancel();
    }
    if (thread_.joinable()) thread_.join();
    // Revoking the lease deletes the lock key.
    etcdserverpb::LeaseRevokeRequest req;
    req.set_id(lease_);
    etcdserverpb::LeaseRevokeResponse resp;
    absl::Status s = conn_->client()->Unary(
        [&](internal::EtcdEndpoint& ep, grpc::ClientContext* ctx) {
          return ep.lease->LeaseRevoke(ctx, req, &resp);
        });
    if (absl::IsNotFound(s)) return absl::OkStatus();  // already expired
    return s;
  }

  // False once etcd said the lease is gone, or when no keep-alive got
  // through for a whole TTL (the lease may have expired meanwhile).
  bool Held() const override {
    absl::MutexLock l(&mu_);
    return held_ && absl::Now() - last_ok_ <= ttl_;
  }

 private:
  // Refreshes the lease every ttl/3 until stopped or the lease is lost.
  void KeepAlive() {
    absl::Duration period = std::max(ttl_ / 3, absl::Milliseconds(200));
    for (;;) {
      grpc::ClientContext ctx;
      absl::StatusOr<std::shared_ptr<internal::EtcdEndpoint>> ep =
          conn_->client()->PrepareStream(&ctx);
      if (ep.ok()) {
        {
          absl::MutexLock l(&mu_);
          if (stopped_) return;
          ctx_ = &ctx;
        }
        auto stream = (*ep)->lease->LeaseKeepAlive(&ctx);
        etcdserverpb::LeaseKeepAliveRequest req;
        req.set_id(lease_);
        etcdserverpb::LeaseKeepAliveResponse resp;
        while (stream->Write(req) && stream->Read(&resp)) {
          if (resp.ttl() <= 0) {  // the lease expired: the lock is gone
            Lost();
            ctx.TryCancel();
            stream->Finish().IgnoreError();
            return;
          }
          {
            absl::MutexLock l(&mu_);
            last_ok_ = absl::Now();
          }
          if (Wait(period)) break;
        }
        ctx.TryCancel();
        grpc::Status s = stream->Finish();
        absl::MutexLock l(&mu_);
        ctx_ = nullptr;
        if (stopped_) return;
        conn_->client()->ReportFailure(
            **ep,
            s.ok() ? grpc::Status(grpc::StatusCode::UNAVAILABLE, "eof") : s);
      }
      if (Wait(absl::Milliseconds(200))) return;
    }
  }

  // Sleeps up to `d`; true if stopped.
  bool Wait(absl::Duration d) {
    absl::MutexLock l(&mu_);
    return mu_.AwaitWithTimeout(absl::Condition(&stopped_), d);
  }

  void Lost() {
    absl::MutexLock l(&mu_);
    held_ = false;
  }

  EtcdConn* conn_;
  const int64_t lease_;
  const absl::Duration ttl_;
  mutable absl::Mutex mu_;
  bool held_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time last_ok_ ABSL_GUARDED_BY(mu_);  // last confirmed keep-alive
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
  grpc::ClientContext* ctx_ ABSL_GUARDED_BY(mu_) = nullptr;
  std::thread thread_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<LockHandle>> EtcdConn::Lock(
    absl::string_view path, absl::Duration ttl, absl::string_view owner,
    absl::Time deadline) {
  TESSERA_RETURN_IF_ERROR(ValidateKey(path));
  if (ttl <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("topo: lock ttl must be positive");
  }
  etcdserverpb::LeaseGrantRequest grant;
  grant.set_ttl(std::max<int64_t>(
      1, static_cast<int64_t>(std::ceil(absl::ToDoubleSeconds(ttl)))));
  etcdserverpb::LeaseGrantResponse granted;
  TESSERA_RETURN_IF_ERROR(
      client_->Unary([&](internal::EtcdEndpoint& ep, grpc::ClientContext* ctx) {
        return ep.lease->LeaseGrant(ctx, grant, &granted);
      }));
  auto lock = std::make_unique<EtcdLock>(this, granted.id(), ttl);
  const std::string key = FullKey(path);
  for (;;) {
    etcdserverpb::TxnRequest req;
    Compare* cmp = req.add_compare();
    cmp->set_key(key);
    cmp->set_target(Compare::CREATE);
    cmp->set_result(Compare::EQUAL);
    cmp->set_create_revision(0);
    auto* put = req.add_success()->mutable_request_put();
    put->set_key(key);
    put->set_value(std::string(owner));
    put->set_lease(granted.id());
    req.add_failure()->mutable_request_range()->set_key(key);
    etcdserverpb::TxnResponse resp;
    TESSERA_RETURN_IF_ERROR(client_->Unary(
        [&](internal::EtcdEndpoint& ep, grpc::ClientContext* ctx) {
          return ep.kv->Txn(ctx, req, &resp);
        }));
    if (resp.succeeded()) {
      lock->MarkHeld();
      return std::unique_ptr<LockHandle>(std::move(lock));
    }
    std::string holder = "?";
    if (resp.responses_size() > 0 &&
        resp.responses(0).response_range().kvs_size() > 0) {
      holder = resp.responses(0).response_range().kvs(0).value();
    }
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("topo: lock ", path, " is held by ", holder));
    }
    // Wait for the holder's key to go away (unlock or lease expiry).
    absl::Notification gone;
    auto watch =
        Watch(path, false, resp.header().revision() + 1,
              [&gone](const WatchEvent& e) {
                if (e.type != EventType::kPut && !gone.HasBeenNotified()) {
                  gone.Notify();
                }
              });
    TESSERA_RETURN_IF_ERROR(watch.status());
    gone.WaitForNotificationWithDeadline(deadline);
  }
}

}  // namespace tessera::topo
