#include "lib/topo/watch_cache.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"
#include "lib/topo/keys.h"

namespace tessera::topo {
namespace {

// "keyspaces/<ks>/VSchema" -> "<ks>", else "".
absl::string_view VSchemaKeyspace(absl::string_view key) {
  if (!absl::ConsumePrefix(&key, kKeyspacesDir)) return "";
  if (!absl::ConsumeSuffix(&key, "/VSchema")) return "";
  return key.find('/') == absl::string_view::npos ? key : "";
}

}  // namespace

WatchCache::WatchCache(Conn* conn, Options options)
    : conn_(conn),
      options_(std::move(options)),
      srv_dir_(SrvKeyspacesDir(options_.cell)) {}

absl::StatusOr<std::unique_ptr<WatchCache>> WatchCache::Start(
    Conn* conn, const Options& options) {
  TESSERA_RETURN_IF_ERROR(ValidateName("cell", options.cell));
  std::unique_ptr<WatchCache> cache(new WatchCache(conn, options));
  TESSERA_RETURN_IF_ERROR(cache->Load());
  cache->prober_ = std::thread([c = cache.get()] { c->ProbeLoop(); });
  return cache;
}

WatchCache::~WatchCache() {
  {
    absl::MutexLock l(&mu_);
    stopping_ = true;
  }
  if (prober_.joinable()) prober_.join();
  watches_.clear();
}

absl::Status WatchCache::Load() {
  watches_.clear();
  // Prefixes (the last one, RoutingRules, is a single key).
  const std::string prefixes[] = {srv_dir_, std::string(kKeyspacesDir),
                                  std::string(kTabletsDir),
                                  std::string(kRoutingRulesKey)};
  TESSERA_ASSIGN_OR_RETURN(Version rev, conn_->Revision());
  std::vector<std::vector<KeyValue>> lists;
  for (const std::string& prefix : prefixes) {
    TESSERA_ASSIGN_OR_RETURN(lists.emplace_back(), conn_->List(prefix));
  }
  {
    absl::MutexLock l(&mu_);
    srv_.clear();
    vschemas_.clear();
    tablets_.clear();
    routing_rules_ = {};
    for (const auto& list : lists) {
      for (const KeyValue& kv : list) Apply(kv.key, &kv.value, kv.version);
    }
    ++generation_;
  }
  // Changes after `rev` replay on top; versions make replays harmless.
  auto cb = [this](const WatchEvent& e) { OnEvent(e); };
  for (const std::string& prefix : prefixes) {
    bool is_prefix = prefix != kRoutingRulesKey;
    TESSERA_ASSIGN_OR_RETURN(watches_.emplace_back(),
                             conn_->Watch(prefix, is_prefix, rev + 1, cb));
  }
  Touch();
  return absl::OkStatus();
}

void WatchCache::OnEvent(const WatchEvent& e) {
  absl::MutexLock l(&mu_);
  if (e.type == EventType::kError) {
    need_reload_ = true;
    return;
  }
  Apply(e.key, e.type == EventType::kPut ? &e.value : nullptr, e.version);
  last_contact_ = absl::Now();
}

template <typename T, typename Parse>
static bool ApplyTo(absl::flat_hash_map<std::string, T>& map,
                    absl::string_view name, const std::string* value,
                    Version version, Parse parse) {
  auto it = map.find(name);
  if (it != map.end() && it->second.version >= version) return false;  // old
  if (value == nullptr) {
    if (it == map.end()) return false;
    map.erase(it);
    return true;
  }
  auto parsed = parse(*value);
  if (parsed == nullptr) return false;  // unparsable: keep the last good one
  map[name] = T{std::move(parsed), version};
  return true;
}

void WatchCache::Apply(absl::string_view key, const std::string* value,
                       Version version) {
  bool changed = false;
  absl::string_view rest = key;
  if (absl::ConsumePrefix(&rest, srv_dir_) &&
      absl::ConsumeSuffix(&rest, "/SrvKeyspace") &&
      rest.find('/') == absl::string_view::npos) {
    changed = ApplyTo(srv_, rest, value, version, [](const std::string& v) {
      auto srv = std::make_shared<topodata::SrvKeyspace>();
      if (!srv->ParseFromString(v)) srv.reset();
      return std::shared_ptr<const topodata::SrvKeyspace>(std::move(srv));
    });
  } else if (absl::string_view ks = VSchemaKeyspace(key); !ks.empty()) {
    changed = ApplyTo(vschemas_, ks, value, version, [](const std::string& v) {
      return std::make_shared<const std::string>(v);
    });
  } else if (absl::string_view alias = key;
             absl::ConsumePrefix(&alias, kTabletsDir) &&
             absl::ConsumeSuffix(&alias, "/Tablet") &&
             alias.find('/') == absl::string_view::npos) {
    changed =
        ApplyTo(tablets_, alias, value, version, [](const std::string& v) {
          auto t = std::make_shared<topodata::Tablet>();
          if (!t->ParseFromString(v)) t.reset();
          return std::shared_ptr<const topodata::Tablet>(std::move(t));
        });
  } else if (key == kRoutingRulesKey && (routing_rules_.value == nullptr ||
                                         routing_rules_.version < version)) {
    auto rules = std::make_shared<topodata::RoutingRules>();
    if (value == nullptr) {
      routing_rules_ = {nullptr, version};
      changed = true;
    } else if (rules->ParseFromString(*value)) {
      routing_rules_ = {std::move(rules), version};
      changed = true;
    }
  }
  if (changed) ++generation_;
}

void WatchCache::Touch() {
  absl::MutexLock l(&mu_);
  last_contact_ = absl::Now();
  connected_ = true;
}

void WatchCache::ProbeLoop() {
  for (;;) {
    bool reload;
    bool was_connected;
    {
      absl::MutexLock l(&mu_);
      if (mu_.AwaitWithTimeout(absl::Condition(&stopping_),
                               options_.probe_interval)) {
        return;
      }
      reload = need_reload_;
      was_connected = connected_;
    }
    absl::Status s = conn_->Revision().status();
    if (s.ok() && (reload || !was_connected)) s = Load();
    absl::MutexLock l(&mu_);
    if (s.ok()) {
      last_contact_ = absl::Now();
      connected_ = true;
      need_reload_ = false;
    } else {
      connected_ = false;
    }
  }
}

std::shared_ptr<const topodata::SrvKeyspace> WatchCache::GetSrvKeyspace(
    absl::string_view keyspace) const {
  absl::ReaderMutexLock l(&mu_);
  auto it = srv_.find(keyspace);
  return it == srv_.end() ? nullptr : it->second.value;
}

std::shared_ptr<const std::string> WatchCache::GetVSchema(
    absl::string_view keyspace) const {
  absl::ReaderMutexLock l(&mu_);
  auto it = vschemas_.find(keyspace);
  return it == vschemas_.end() ? nullptr : it->second.value;
}

std::vector<std::string> WatchCache::Keyspaces() const {
  absl::ReaderMutexLock l(&mu_);
  std::vector<std::string> out;
  for (const auto& [k, v] : srv_) out.push_back(k);
  for (const auto& [k, v] : vschemas_) {
    if (!srv_.contains(k)) out.push_back(k);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::shared_ptr<const topodata::Tablet>> WatchCache::GetTablets(
    absl::string_view keyspace, absl::string_view shard) const {
  std::vector<std::shared_ptr<const topodata::Tablet>> out;
  {
    absl::ReaderMutexLock l(&mu_);
    for (const auto& [alias, entry] : tablets_) {
      if (entry.value->keyspace() == keyspace &&
          entry.value->shard() == shard) {
        out.push_back(entry.value);
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a->alias().cell(), a->alias().uid()) <
           std::make_pair(b->alias().cell(), b->alias().uid());
  });
  return out;
}

std::shared_ptr<const topodata::Tablet> WatchCache::GetPrimary(
    absl::string_view keyspace, absl::string_view shard) const {
  for (auto& t : GetTablets(keyspace, shard)) {
    if (t->type() == topodata::PRIMARY) return t;
  }
  return nullptr;
}

std::shared_ptr<const topodata::RoutingRules> WatchCache::GetRoutingRules()
    const {
  absl::ReaderMutexLock l(&mu_);
  return routing_rules_.value;
}

absl::Duration WatchCache::Staleness() const {
  absl::ReaderMutexLock l(&mu_);
  return absl::Now() - last_contact_;
}

bool WatchCache::Connected() const {
  absl::ReaderMutexLock l(&mu_);
  return connected_;
}

uint64_t WatchCache::generation() const {
  absl::ReaderMutexLock l(&mu_);
  return generation_;
}

}  // namespace tessera::topo
