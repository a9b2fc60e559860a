// An ordered parallel map: worker threads produce results, the calling thread consumes them in order.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace winnow::index::detail {

/// Runs `produce(i)` for i in [0, count) on `jobs` worker threads and
/// `consume(i, result)` on the calling thread in order of i, so the writer
/// sees documents in walk order (the same docids whatever the thread count).
/// At most `window` results wait at any time: memory stays flat however many
/// items there are, and workers pause while the consumer commits.
/// With one job nothing runs on another thread. An exception from either
/// side stops the work and is rethrown here, after the workers have stopped.
template <typename Result, typename Produce, typename Consume>
void run_ordered(std::size_t count, unsigned jobs, std::size_t window, Produce&& produce, Consume&& consume) {
  if (jobs <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      Result result = produce(i);
      consume(i, result);
    }
    return;
  }
  window = std::max<std::size_t>(window, jobs);
  std::vector<std::optional<Result>> slots(window);
  std::mutex mutex;
  std::condition_variable result_ready, room_free;
  std::size_t next_to_take = 0, next_to_consume = 0;
  bool stopping = false;
  std::exception_ptr failure;

  const auto stop_with = [&](std::exception_ptr error) {
    const std::lock_guard lock(mutex);
    if (!failure) failure = error;
    stopping = true;
    result_ready.notify_all();
    room_free.notify_all();
  };
  const auto work = [&] {
    for (;;) {
      std::size_t item = 0;
      {
        std::unique_lock lock(mutex);
        room_free.wait(lock, [&] { return stopping || next_to_take >= count || next_to_take < next_to_consume + window; });
        if (stopping || next_to_take >= count) return;
        item = next_to_take++;
      }
      try {
        Result result = produce(item);
        const std::lock_guard lock(mutex);
        slots[item % window].emplace(std::move(result));
      } catch (...) {
        stop_with(std::current_exception());
        return;
      }
      result_ready.notify_all();
    }
  };

  std::vector<std::thread> workers;
  workers.reserve(jobs);
  for (unsigned j = 0; j < jobs; ++j) workers.emplace_back(work);
  for (std::size_t i = 0; i < count; ++i) {
    std::optional<Result> result;
    {
      std::unique_lock lock(mutex);
      result_ready.wait(lock, [&] { return stopping || slots[i % window].has_value(); });
      if (stopping) break;
      result.swap(slots[i % window]);
      next_to_consume = i + 1;
    }
    room_free.notify_all();
    try {
      consume(i, *result);
    } catch (...) {
      stop_with(std::current_exception());
      break;
    }
  }
  for (auto& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace winnow::index::detail
