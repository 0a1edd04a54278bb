#include "lib/localcluster/cluster.h"

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/json_util.h"
#include "lib/base/status_macros.h"

namespace tessera::localcluster {
namespace fs = std::filesystem;
namespace {

std::string StatePath(const std::string& dir) { return dir + "/state.json"; }

std::string Hex2(int v) { return absl::StrFormat("%02x", v); }

}  // namespace

std::vector<std::string> EvenShardNames(int n) {
  if (n <= 1) return {"-"};
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) {
    std::string lo = i == 0 ? "" : Hex2(i * 256 / n);
    std::string hi = i == n - 1 ? "" : Hex2((i + 1) * 256 / n);
    names.push_back(absl::StrCat(lo, "-", hi));
  }
  return names;
}

absl::StatusOr<ClusterState> ReadClusterState(const std::string& dir) {
  std::ifstream in(StatePath(dir));
  if (!in) {
    return absl::NotFoundError(absl::StrCat("no cluster state in ", dir));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  ClusterState state;
  auto status = google::protobuf::util::JsonStringToMessage(ss.str(), &state);
  if (!status.ok()) {
    return absl::DataLossError(
        absl::StrCat(StatePath(dir), ": ", std::string(status.message())));
  }
  return state;
}

absl::StatusOr<std::unique_ptr<LocalCluster>> LocalCluster::Up(
    const ClusterSpec& spec) {
  if (spec.shards < 1 || spec.shards > 64 || spec.replicas < 0 ||
      spec.replicas > 4) {
    return absl::InvalidArgumentError("need 1..64 shards and 0..4 replicas");
  }
  auto existing = ReadClusterState(spec.dir);
  if (existing.ok()) {
    for (const auto& c : existing->components()) {
      if (PidAlive(c.pid())) {
        return absl::AlreadyExistsError(absl::StrCat(
            "a cluster is already running in ", spec.dir, " (", c.name(),
            " pid ", c.pid(), "); run `tessera down` first"));
      }
    }
  }
  std::error_code ec;
  fs::create_directories(spec.dir, ec);
  if (ec) return absl::InternalError("mkdir " + spec.dir + ": " + ec.message());
  auto cluster = std::unique_ptr<LocalCluster>(new LocalCluster(spec));
  cluster->spec_.dir = fs::absolute(spec.dir).lexically_normal().string();
  cluster->state_.set_owner_pid(getpid());
  cluster->state_.set_started_unix(absl::ToUnixSeconds(absl::Now()));
  cluster->state_.set_keyspace(spec.keyspace);
  TESSERA_RETURN_IF_ERROR(cluster->StartShards());
  if (spec.etcd) {
    EtcdOptions o;
    o.dir = cluster->spec_.dir + "/etcd";
    o.detached = spec.detached;
    TESSERA_ASSIGN_OR_RETURN(cluster->etcd_, EtcdCluster::Start(o));
    Component* c = cluster->state_.add_components();
    c->set_name("etcd");
    c->set_kind("etcd");
    c->set_pid(cluster->etcd_->pid(0));
    c->set_host("127.0.0.1");
    c->set_port(cluster->etcd_->client_port(0));
    c->set_dir(o.dir);
  }
  TESSERA_RETURN_IF_ERROR(cluster->WriteState());
  return cluster;
}

absl::Status LocalCluster::StartShards() {
  std::vector<std::string> names = EvenShardNames(spec_.shards);
  int server_id = 1;
  int next_port = spec_.base_port;
  for (const std::string& shard : names) {
    for (int r = 0; r <= spec_.replicas; ++r) {
      bool primary = r == 0;
      std::string name = primary ? absl::StrCat("shard_", shard, ".primary")
                                 : absl::StrCat("shard_", shard, ".replica", r);
      MariadbOptions o;
      o.dir = absl::StrCat(spec_.dir, "/", name);
      o.server_id = server_id++;
      o.detached = spec_.detached;
      o.port = spec_.base_port == 0 ? 0 : next_port++;
      TESSERA_ASSIGN_OR_RETURN(auto instance, MariadbInstance::Start(o));
      if (!primary) {
        TESSERA_RETURN_IF_ERROR(
            StartReplication(instance->server(), primaries_.back()->server()));
      }
      Component* c = state_.add_components();
      c->set_name(name);
      c->set_kind("mariadb");
      c->set_role(primary ? "primary" : "replica");
      c->set_shard(shard);
      c->set_pid(instance->pid());
      c->set_host(instance->server().host);
      c->set_port(instance->server().port);
      c->set_dir(o.dir);
      (primary ? primaries_ : replicas_).push_back(std::move(instance));
    }
  }
  return absl::OkStatus();
}

absl::Status LocalCluster::WriteState() {
  std::string json;
  google::protobuf::util::JsonPrintOptions opts;
  opts.add_whitespace = true;
  opts.preserve_proto_field_names = true;
  auto s = google::protobuf::util::MessageToJsonString(state_, &json, opts);
  if (!s.ok()) return absl::InternalError(std::string(s.message()));
  std::string tmp = StatePath(spec_.dir) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << json;
    if (!out) return absl::InternalError("cannot write " + tmp);
  }
  std::error_code ec;
  fs::rename(tmp, StatePath(spec_.dir), ec);
  if (ec) return absl::InternalError("rename state: " + ec.message());
  return absl::OkStatus();
}

absl::Status LocalCluster::AddComponent(Component component,
                                        std::unique_ptr<Subprocess> process) {
  if (process) {
    component.set_pid(process->pid());
    if (spec_.detached) process->Release();
    extra_.push_back(std::move(process));
  }
  *state_.add_components() = std::move(component);
  return WriteState();
}

bool LocalCluster::Healthy() {
  for (auto& p : primaries_) {
    if (!p->Running()) return false;
  }
  for (auto& r : replicas_) {
    if (!r->Running()) return false;
  }
  for (auto& e : extra_) {
    if (!e->Running()) return false;
  }
  return true;
}

absl::Status LocalCluster::Down() {
  absl::Status status;
  for (auto it = extra_.rbegin(); it != extra_.rend(); ++it) {
    status.Update((*it)->Terminate(absl::Seconds(30)));
  }
  extra_.clear();
  etcd_.reset();
  for (auto& r : replicas_) status.Update(r->Stop());
  for (auto& p : primaries_) status.Update(p->Stop());
  replicas_.clear();
  primaries_.clear();
  std::error_code ec;
  fs::remove(StatePath(spec_.dir), ec);
  released_ = true;
  return status;
}

void LocalCluster::Release() {
  released_ = true;
  for (auto& p : primaries_) p->Release();
  for (auto& r : replicas_) r->Release();
  if (etcd_) etcd_->Release();
  for (auto& e : extra_) e->Release();
}

LocalCluster::~LocalCluster() {
  if (!released_) Down().IgnoreError();
}

absl::Status StopClusterFromState(const std::string& dir) {
  TESSERA_ASSIGN_OR_RETURN(ClusterState state, ReadClusterState(dir));
  // A foreground `tessera up` owns the servers: ask it to shut down cleanly.
  if (state.owner_pid() > 0 && state.owner_pid() != getpid() &&
      PidAlive(state.owner_pid())) {
    TerminatePid(state.owner_pid(), absl::Seconds(60)).IgnoreError();
  }
  absl::Status status;
  for (int i = state.components_size() - 1; i >= 0; --i) {
    status.Update(TerminatePid(state.components(i).pid(), absl::Seconds(60)));
  }
  std::error_code ec;
  fs::remove(StatePath(dir), ec);
  return status;
}

std::string FormatClusterStatus(const ClusterState& state) {
  std::string out = absl::StrFormat("%-26s %-8s %-8s %-17s %-8s %s\n", "NAME",
                                    "KIND", "ROLE", "ADDRESS", "PID", "STATE");
  for (const auto& c : state.components()) {
    absl::StrAppendFormat(&out, "%-26s %-8s %-8s %-17s %-8d %s\n", c.name(),
                          c.kind(), c.role().empty() ? "-" : c.role(),
                          absl::StrCat(c.host(), ":", c.port()), c.pid(),
                          PidAlive(c.pid()) ? "up" : "DOWN");
  }
  return out;
}

}  // namespace tessera::localcluster
