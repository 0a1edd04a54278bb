// EventPump: delivers watch events to one callback on its own thread, in the
// order they were pushed. Internal to the backends.
#ifndef TESSERA_LIB_TOPO_EVENT_PUMP_H_
#define TESSERA_LIB_TOPO_EVENT_PUMP_H_

#include <deque>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "lib/topo/conn.h"

namespace tessera::topo::internal {

class EventPump {
 public:
  explicit EventPump(WatchCallback cb);
  ~EventPump();  // Stop()
  EventPump(const EventPump&) = delete;
  EventPump& operator=(const EventPump&) = delete;

  // Queues `event`; ignored after Stop() or after a kError event.
  void Push(WatchEvent event);
  // Drops pending events, waits for a running callback, joins the thread.
  // Safe to call more than once; not from inside the callback.
  void Stop();

 private:
  void Run();

  WatchCallback cb_;
  absl::Mutex mu_;
  std::deque<WatchEvent> queue_ ABSL_GUARDED_BY(mu_);
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
  bool ended_ ABSL_GUARDED_BY(mu_) = false;  // a kError was pushed
  std::thread thread_;
};

}  // namespace tessera::topo::internal

#endif  // TESSERA_LIB_TOPO_EVENT_PUMP_H_
