// The conformance suite every topo::Conn backend passes (test-only).
//
// A backend's test instantiates it with a factory that returns a fresh,
// empty Conn (for etcd: a new root prefix):
//
//   INSTANTIATE_TEST_SUITE_P(Memory, ConnConformanceTest,
//       ::testing::Values(ConnFactory{"memory", [] { ... }}),
//       ConnFactoryName);
#ifndef TESSERA_LIB_TOPO_CONFORMANCE_H_
#define TESSERA_LIB_TOPO_CONFORMANCE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "lib/topo/conn.h"

namespace tessera::topo::testing {

struct ConnFactory {
  std::string name;
  std::function<absl::StatusOr<std::unique_ptr<Conn>>()> make;
};

inline std::string ConnFactoryName(
    const ::testing::TestParamInfo<ConnFactory>& info) {
  return info.param.name;
}

// Collects watch events; Wait blocks (bounded) until `n` have arrived.
class EventLog {
 public:
  WatchCallback Callback();
  // Returns false if fewer than `n` events arrived within `limit`.
  bool Wait(size_t n, absl::Duration limit = absl::Seconds(20));
  std::vector<WatchEvent> events();

 private:
  absl::Mutex mu_;
  std::vector<WatchEvent> events_ ABSL_GUARDED_BY(mu_);
};

class ConnConformanceTest : public ::testing::TestWithParam<ConnFactory> {
 protected:
  void SetUp() override;
  std::unique_ptr<Conn> conn_;
};

}  // namespace tessera::topo::testing

#endif  // TESSERA_LIB_TOPO_CONFORMANCE_H_
