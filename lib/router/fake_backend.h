// A router over a fake backend, for in-process unit tests and benchmarks:
// every tablet type's cursor is one engine::FakeCursor (canned results, no
// connection pools), so statements outside transactions run without
// servers. Test-only.
#ifndef TESSERA_LIB_ROUTER_FAKE_BACKEND_H_
#define TESSERA_LIB_ROUTER_FAKE_BACKEND_H_

#include <memory>

#include "absl/status/statusor.h"
#include "lib/engine/fake_cursor.h"
#include "lib/router/router_impl.h"
#include "lib/router/router_state.h"

namespace tessera::router {

// A factory handing out `fake` (configured with the shards it is given) for
// every tablet type.
inline BackendFactory FakeBackendFactory(
    std::shared_ptr<engine::FakeCursor> fake) {
  return [fake](const BackendShards& shards, bool strict)
             -> absl::StatusOr<std::shared_ptr<engine::BackendCursor>> {
    for (const auto& [ks, pools] : shards) {
      std::vector<std::string> names;
      for (const auto& [name, options] : pools) names.push_back(name);
      absl::Status added = fake->shard_map().AddKeyspace(ks, std::move(names));
      if (!added.ok() && strict) return added;
    }
    return fake;
  };
}

// A RouterImpl whose shards are answered by `fake`. `options` give the
// VSchema and shard names (addresses are ignored).
inline absl::StatusOr<std::unique_ptr<RouterImpl>> NewFakeRouter(
    const RouterOptions& options, std::shared_ptr<engine::FakeCursor> fake) {
  return RouterImpl::Create(options, FakeBackendFactory(std::move(fake)));
}

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_FAKE_BACKEND_H_
