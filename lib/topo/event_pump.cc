#include "lib/topo/event_pump.h"

#include <utility>

namespace tessera::topo::internal {

EventPump::EventPump(WatchCallback cb) : cb_(std::move(cb)) {
  thread_ = std::thread([this] { Run(); });
}

EventPump::~EventPump() { Stop(); }

void EventPump::Push(WatchEvent event) {
  absl::MutexLock l(&mu_);
  if (stopped_ || ended_) return;
  if (event.type == EventType::kError) ended_ = true;
  queue_.push_back(std::move(event));
}

void EventPump::Stop() {
  {
    absl::MutexLock l(&mu_);
    stopped_ = true;
    queue_.clear();
  }
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) {
    thread_.join();
  }
}

void EventPump::Run() {
  for (;;) {
    WatchEvent event;
    {
      absl::MutexLock l(&mu_);
      mu_.Await(absl::Condition(
          +[](EventPump* p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
            return p->stopped_ || !p->queue_.empty();
          },
          this));
      if (stopped_) return;
      event = std::move(queue_.front());
      queue_.pop_front();
    }
    cb_(event);
  }
}

}  // namespace tessera::topo::internal
