#include "lib/topo/local_conn.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"

namespace tessera::topo {
namespace {

class LocalWatchHandle : public WatchHandle {
 public:
  LocalWatchHandle(LocalConn* conn, uint64_t id,
                   std::shared_ptr<internal::EventPump> pump)
      : conn_(conn), id_(id), pump_(std::move(pump)) {}
  ~LocalWatchHandle() override { Cancel(); }
  void Cancel() override {
    if (conn_ == nullptr) return;
    conn_->RemoveWatcher(id_);
    pump_->Stop();
    conn_ = nullptr;
  }

 private:
  LocalConn* conn_;
  uint64_t id_;
  std::shared_ptr<internal::EventPump> pump_;
};

class LocalLockHandle : public LockHandle {
 public:
  LocalLockHandle(LocalConn* conn, std::string path, uint64_t token)
      : conn_(conn), path_(std::move(path)), token_(token) {}
  ~LocalLockHandle() override { Unlock().IgnoreError(); }
  absl::Status Unlock() override {
    if (conn_ == nullptr) return absl::OkStatus();
    conn_->ReleaseLock(path_, token_);
    conn_ = nullptr;
    return absl::OkStatus();
  }
  bool Held() const override {
    return conn_ != nullptr && conn_->LockHeld(path_, token_);
  }

 private:
  LocalConn* conn_;
  std::string path_;
  uint64_t token_;
};

}  // namespace

absl::Status ValidateKey(absl::string_view key) {
  if (key.empty()) return absl::InvalidArgumentError("topo: empty key");
  if (key[0] == '/') {
    return absl::InvalidArgumentError(
        absl::StrCat("topo: key must not start with '/': ", key));
  }
  if (key.find('\0') != absl::string_view::npos) {
    return absl::InvalidArgumentError("topo: key contains a NUL byte");
  }
  return absl::OkStatus();
}

LocalConn::LocalConn(std::unique_ptr<internal::LocalStore> store,
                     size_t history_limit)
    : store_(std::move(store)), history_limit_(history_limit) {}

LocalConn::~LocalConn() {
  absl::MutexLock l(&mu_);
  for (auto& [id, w] : watchers_) w.pump->Stop();
  watchers_.clear();
}

absl::StatusOr<std::unique_ptr<LocalConn>> LocalConn::Open(
    std::unique_ptr<internal::LocalStore> store, size_t history_limit) {
  std::unique_ptr<LocalConn> conn(
      new LocalConn(std::move(store), history_limit));
  TESSERA_RETURN_IF_ERROR(conn->Init());
  return conn;
}

absl::Status LocalConn::Init() {
  absl::MutexLock l(&mu_);
  TESSERA_ASSIGN_OR_RETURN(revision_, store_->LoadRevision());
  history_start_ = revision_ + 1;
  return absl::OkStatus();
}

absl::StatusOr<KeyValue> LocalConn::Get(absl::string_view key) {
  TESSERA_RETURN_IF_ERROR(BeforeOp());
  TESSERA_RETURN_IF_ERROR(ValidateKey(key));
  absl::ReaderMutexLock l(&mu_);
  TESSERA_ASSIGN_OR_RETURN(std::optional<KeyValue> kv, store_->Read(key));
  if (!kv) return absl::NotFoundError(absl::StrCat("topo: no key ", key));
  return *std::move(kv);
}

absl::StatusOr<Version> LocalConn::Create(absl::string_view key,
                                          absl::string_view value) {
  return Write(key, value, 0, Mode::kCreate);
}

absl::StatusOr<Version> LocalConn::Update(absl::string_view key,
                                          absl::string_view value,
                                          Version expected) {
  return Write(key, value, expected, Mode::kUpdate);
}

absl::Status LocalConn::Delete(absl::string_view key, Version expected) {
  return Write(key, "", expected, Mode::kDelete).status();
}

absl::StatusOr<Version> LocalConn::Write(absl::string_view key,
                                         absl::string_view value,
                                         Version expected, Mode mode) {
  TESSERA_RETURN_IF_ERROR(BeforeOp());
  TESSERA_RETURN_IF_ERROR(ValidateKey(key));
  absl::MutexLock l(&mu_);
  TESSERA_ASSIGN_OR_RETURN(std::optional<KeyValue> cur, store_->Read(key));
  if (mode == Mode::kCreate) {
    if (cur) return absl::AlreadyExistsError(absl::StrCat("topo: ", key));
  } else if (expected != kAnyVersion || mode == Mode::kDelete) {
    if (!cur) return absl::NotFoundError(absl::StrCat("topo: no key ", key));
    if (expected != kAnyVersion && cur->version != expected) {
      return absl::AbortedError(absl::StrCat("topo: version mismatch on ", key,
                                             ": have ", cur->version,
                                             ", expected ", expected));
    }
  }
  Version rev = revision_ + 1;
  std::string v(value);
  TESSERA_RETURN_IF_ERROR(
      store_->Apply(key, mode == Mode::kDelete ? nullptr : &v, rev));
  revision_ = rev;
  WatchEvent event;
  event.type = mode == Mode::kDelete ? EventType::kDelete : EventType::kPut;
  event.key = std::string(key);
  if (mode != Mode::kDelete) event.value = std::move(v);
  event.version = rev;
  Publish(event);
  return rev;
}

void LocalConn::Publish(const WatchEvent& event) {
  history_.push_back(event);
  history_bytes_ += event.key.size() + event.value.size();
  while (history_.size() > history_limit_ ||
         (history_bytes_ > kMaxHistoryBytes && history_.size() > 1)) {
    history_bytes_ -=
        history_.front().key.size() + history_.front().value.size();
    history_.pop_front();
    history_start_ =
        history_.empty() ? revision_ + 1 : history_.front().version;
  }
  for (auto& [id, w] : watchers_) {
    if (event.version >= w.from && Matches(w, event.key)) w.pump->Push(event);
  }
}

bool LocalConn::Matches(const Watcher& w, absl::string_view key) {
  return w.prefix ? absl::StartsWith(key, w.key) : key == w.key;
}

absl::StatusOr<std::vector<KeyValue>> LocalConn::List(
    absl::string_view prefix) {
  TESSERA_RETURN_IF_ERROR(BeforeOp());
  absl::ReaderMutexLock l(&mu_);
  return store_->Scan(prefix);
}

absl::StatusOr<Version> LocalConn::Revision() {
  TESSERA_RETURN_IF_ERROR(BeforeOp());
  absl::ReaderMutexLock l(&mu_);
  return revision_;
}

absl::StatusOr<std::unique_ptr<WatchHandle>> LocalConn::Watch(
    absl::string_view key, bool prefix, Version from, WatchCallback cb) {
  TESSERA_RETURN_IF_ERROR(BeforeOp());
  if (!prefix) TESSERA_RETURN_IF_ERROR(ValidateKey(key));
  if (from < 0) return absl::InvalidArgumentError("topo: negative version");
  auto pump = std::make_shared<internal::EventPump>(std::move(cb));
  absl::MutexLock l(&mu_);
  Watcher w{std::string(key), prefix, from, pump};
  if (from > 0 && from <= revision_) {
    if (from < history_start_) {
      WatchEvent err;
      err.type = EventType::kError;
      err.status = absl::OutOfRangeError(
          absl::StrCat("topo: watch start ", from,
                       " is compacted (oldest kept ", history_start_, ")"));
      pump->Push(std::move(err));
      uint64_t id = next_id_++;
      return std::make_unique<LocalWatchHandle>(this, id, pump);
    }
    for (const WatchEvent& e : history_) {
      if (e.version >= from && Matches(w, e.key)) pump->Push(e);
    }
  }
  uint64_t id = next_id_++;
  watchers_.emplace(id, std::move(w));
  return std::make_unique<LocalWatchHandle>(this, id, pump);
}

void LocalConn::RemoveWatcher(uint64_t id) {
  absl::MutexLock l(&mu_);
  watchers_.erase(id);
}

absl::StatusOr<std::unique_ptr<LockHandle>> LocalConn::Lock(
    absl::string_view path, absl::Duration ttl, absl::string_view owner,
    absl::Time deadline) {
  TESSERA_RETURN_IF_ERROR(BeforeOp());
  TESSERA_RETURN_IF_ERROR(ValidateKey(path));
  if (ttl <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("topo: lock ttl must be positive");
  }
  absl::MutexLock l(&lock_mu_);
  struct Arg {
    LocalConn* self;
    absl::string_view path;
  } arg{this, path};
  absl::Condition free(
      +[](Arg* a) ABSL_NO_THREAD_SAFETY_ANALYSIS {
        return a->self->locks_.find(a->path) == a->self->locks_.end();
      },
      &arg);
  if (!lock_mu_.AwaitWithDeadline(free, deadline)) {
    return absl::DeadlineExceededError(absl::StrCat(
        "topo: lock ", path, " is held by ", locks_.find(path)->second.owner));
  }
  uint64_t token = next_token_++;
  locks_.emplace(std::string(path), LockState{std::string(owner), token});
  return std::make_unique<LocalLockHandle>(this, std::string(path), token);
}

absl::StatusOr<std::string> LocalConn::LockOwner(absl::string_view path) {
  TESSERA_RETURN_IF_ERROR(BeforeOp());
  absl::MutexLock l(&lock_mu_);
  auto it = locks_.find(path);
  if (it == locks_.end()) {
    return absl::NotFoundError(absl::StrCat("topo: lock ", path, " is free"));
  }
  return it->second.owner;
}

void LocalConn::ReleaseLock(const std::string& path, uint64_t token) {
  absl::MutexLock l(&lock_mu_);
  auto it = locks_.find(path);
  if (it != locks_.end() && it->second.token == token) locks_.erase(it);
}

bool LocalConn::LockHeld(const std::string& path, uint64_t token) {
  absl::MutexLock l(&lock_mu_);
  auto it = locks_.find(path);
  return it != locks_.end() && it->second.token == token;
}

bool LocalConn::ExpireLock(absl::string_view path) {
  absl::MutexLock l(&lock_mu_);
  auto it = locks_.find(path);
  if (it == locks_.end()) return false;
  locks_.erase(it);
  return true;
}

}  // namespace tessera::topo
