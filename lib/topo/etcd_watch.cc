// EtcdConn::Watch: one etcd watch stream per watch, reconnecting and
// resuming from the revision after the last event delivered.
#include <algorithm>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"
#include "lib/topo/etcd_conn.h"
#include "lib/topo/event_pump.h"

namespace tessera::topo {
namespace {

class EtcdWatch : public WatchHandle {
 public:
  EtcdWatch(EtcdConn* conn, std::string key, std::string range_end,
            Version from, WatchCallback cb)
      : conn_(conn),
        key_(std::move(key)),
        range_end_(std::move(range_end)),
        next_(from),
        pump_(std::move(cb)) {}

  ~EtcdWatch() override { Cancel(); }

  // Starts the stream thread; waits until etcd confirmed the watch.
  absl::Status Start() {
    thread_ = std::thread([this] { Run(); });
    absl::Duration limit = conn_->client()->options().op_timeout;
    if (!created_.WaitForNotificationWithTimeout(limit)) {
      Cancel();
      return absl::UnavailableError(
          absl::StrCat("etcd: could not start a watch within ",
                       absl::FormatDuration(limit)));
    }
    return absl::OkStatus();
  }

  void Cancel() override {
    {
      absl::MutexLock l(&mu_);
      if (cancelled_) return;
      cancelled_ = true;
      if (ctx_ != nullptr) ctx_->TryCancel();
    }
    if (thread_.joinable()) thread_.join();
    pump_.Stop();
  }

 private:
  void Run() {
    absl::Duration backoff = absl::Milliseconds(100);
    for (;;) {
      if (RunStream(backoff)) return;  // ended for good
      absl::MutexLock l(&mu_);
      if (mu_.AwaitWithTimeout(absl::Condition(&cancelled_), backoff)) return;
      backoff = std::min(backoff * 2, absl::Seconds(2));
    }
  }

  // Runs one stream; true when the watch has ended (cancelled, compacted).
  bool RunStream(absl::Duration& backoff) {
    grpc::ClientContext ctx;
    absl::StatusOr<std::shared_ptr<internal::EtcdEndpoint>> ep =
        conn_->client()->PrepareStream(&ctx);
    if (!ep.ok()) return false;
    {
      absl::MutexLock l(&mu_);
      if (cancelled_) return true;
      ctx_ = &ctx;
    }
    auto stream = (*ep)->watch->Watch(&ctx);
    etcdserverpb::WatchRequest req;
    auto* create = req.mutable_create_request();
    create->set_key(key_);
    if (!range_end_.empty()) create->set_range_end(range_end_);
    create->set_start_revision(next_);
    bool ended = false;
    if (stream->Write(req)) {
      etcdserverpb::WatchResponse resp;
      while (!ended && stream->Read(&resp)) {
        backoff = absl::Milliseconds(100);
        ended = Handle(resp);
      }
    }
    if (ended) ctx.TryCancel();
    stream->WritesDone();
    grpc::Status s = stream->Finish();
    {
      absl::MutexLock l(&mu_);
      ctx_ = nullptr;
      if (cancelled_) return true;
    }
    if (ended) return true;
    conn_->client()->ReportFailure(
        **ep, s.ok() ? grpc::Status(grpc::StatusCode::UNAVAILABLE, "eof") : s);
    return false;
  }

  // Applies one response; true when the watch has ended.
  bool Handle(const etcdserverpb::WatchResponse& resp) {
    if (resp.created()) {
      if (next_ == 0) next_ = resp.header().revision() + 1;
      if (!created_.HasBeenNotified()) created_.Notify();
    }
    if (resp.canceled()) {
      WatchEvent err;
      err.type = EventType::kError;
      if (resp.compact_revision() > 0) {
        err.status = absl::OutOfRangeError(absl::StrCat(
            "topo: watch start ", next_, " is compacted (oldest kept ",
            resp.compact_revision(), ")"));
      } else {
        err.status = absl::UnavailableError(
            absl::StrCat("etcd: watch cancelled: ", resp.cancel_reason()));
      }
      pump_.Push(std::move(err));
      if (!created_.HasBeenNotified()) created_.Notify();
      return true;
    }
    for (const etcdserverpb::Event& e : resp.events()) {
      WatchEvent ev;
      ev.type = e.type() == etcdserverpb::Event::DELETE ? EventType::kDelete
                                                        : EventType::kPut;
      ev.key = conn_->StripRoot(e.kv().key());
      if (ev.type == EventType::kPut) ev.value = e.kv().value();
      ev.version = e.kv().mod_revision();
      next_ = ev.version + 1;
      pump_.Push(std::move(ev));
    }
    return false;
  }

  EtcdConn* conn_;
  const std::string key_;
  const std::string range_end_;
  Version next_;  // only touched by the stream thread after Start
  internal::EventPump pump_;
  absl::Notification created_;
  absl::Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  grpc::ClientContext* ctx_ ABSL_GUARDED_BY(mu_) = nullptr;
  std::thread thread_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<WatchHandle>> EtcdConn::Watch(
    absl::string_view key, bool prefix, Version from, WatchCallback cb) {
  if (!prefix) TESSERA_RETURN_IF_ERROR(ValidateKey(key));
  if (from < 0) return absl::InvalidArgumentError("topo: negative version");
  std::string full = FullKey(key);
  std::string end;
  if (prefix) {
    end = EtcdPrefixEnd(full);
    if (full.empty()) full = std::string(1, '\0');
  }
  auto w = std::make_unique<EtcdWatch>(this, std::move(full), std::move(end),
                                       from, std::move(cb));
  TESSERA_RETURN_IF_ERROR(w->Start());
  return std::unique_ptr<WatchHandle>(std::move(w));
}

}  // namespace tessera::topo
