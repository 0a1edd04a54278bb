// State the server shares with its connections (internal to the server).
#ifndef TESSERA_LIB_MYSQL_SERVER_CONTEXT_H_
#define TESSERA_LIB_MYSQL_SERVER_CONTEXT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "asio/associated_executor.hpp"
#include "asio/async_result.hpp"
#include "asio/awaitable.hpp"
#include "asio/post.hpp"
#include "asio/ssl/context.hpp"
#include "asio/this_coro.hpp"
#include "asio/thread_pool.hpp"
#include "asio/use_awaitable.hpp"
#include "lib/mysql/rsa_key.h"
#include "lib/mysql/server.h"
#include "lib/mysql/session.h"

namespace tessera::mysql {

class Connection;

struct ServerContext {
  ServerOptions options;
  SessionFactory* factory = nullptr;
  Authenticator* authenticator = nullptr;
  std::unique_ptr<asio::ssl::context> tls;     // null: TLS off
  std::unique_ptr<RsaKeySource> rsa;           // null: no RSA key exchange
  std::unique_ptr<asio::thread_pool> workers;  // null: run sessions inline
  absl::Time start_time;

  std::atomic<uint32_t> next_connection_id{1};
  std::atomic<uint64_t> accepted{0};
  std::atomic<uint64_t> refused{0};
  std::atomic<int64_t> open{0};
  std::atomic<uint64_t> commands{0};
  std::atomic<uint64_t> login_failures{0};
  std::atomic<uint64_t> killed{0};
  std::atomic<uint64_t> timed_out{0};
  std::atomic<bool> draining{false};  // Stop() has begun

  // Open connections, so that Stop() can close them.
  absl::Mutex mu;
  absl::flat_hash_map<uint32_t, std::weak_ptr<Connection>> connections
      ABSL_GUARDED_BY(mu);
};

// Runs `f` (which may block) on the worker pool and resumes the awaiting
// coroutine on its own executor with the result. Only trivially copyable
// values cross into asio's coroutine machinery here: GCC 12 mishandles
// by-value coroutine parameters with non-trivial destructors.
// `pool` null runs `f` inline on the calling I/O thread.
template <typename F>
auto RunOnWorker(asio::thread_pool* p, F f) {
  using R = std::invoke_result_t<F>;
  F* fn = new F(std::move(f));
  return asio::async_initiate<const asio::use_awaitable_t<>, void(R)>(
      [](auto handler, asio::thread_pool* pool, F* fn) {
        auto home = asio::get_associated_executor(handler);
        if (pool == nullptr) {  // inline mode: run on the I/O thread
          std::unique_ptr<F> owned(fn);
          R result = (*owned)();
          owned.reset();
          asio::post(home, [handler = std::move(handler),
                            result = std::move(result)]() mutable {
            std::move(handler)(std::move(result));
          });
          return;
        }
        asio::post(*pool, [home, fn, handler = std::move(handler)]() mutable {
          std::unique_ptr<F> owned(fn);
          R result = (*owned)();
          owned.reset();
          asio::post(home, [handler = std::move(handler),
                            result = std::move(result)]() mutable {
            std::move(handler)(std::move(result));
          });
        });
      },
      asio::use_awaitable, p, fn);
}

template <typename F>
auto RunOnWorker(std::unique_ptr<asio::thread_pool>& pool, F f) {
  return RunOnWorker(pool.get(), std::move(f));
}

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_SERVER_CONTEXT_H_
