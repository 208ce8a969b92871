//===- WorkerTeam.cpp - threads that split one instruction's work ---------===//

#include "WorkerTeam.h"

#include <chrono>

using namespace hcgs::sim;

namespace {
/// How long a worker waits for the next item before it sleeps: longer than
/// the gap between two mvms of a time step, far shorter than a run.
constexpr std::chrono::microseconds kSpinTime{200};

inline void relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}
} // namespace

WorkerTeam::WorkerTeam(unsigned size) {
  for (unsigned part = 1; part < size; ++part)
    workers.emplace_back([this, part] { work(part); });
}

WorkerTeam::~WorkerTeam() {
  {
    std::lock_guard<std::mutex> lock(mutex);
    stopping.store(true, std::memory_order_relaxed);
    generation.fetch_add(1, std::memory_order_release);
  }
  wake.notify_all();
  for (std::thread &worker : workers)
    worker.join();
}

void WorkerTeam::run(llvm::function_ref<void(unsigned)> newTask) {
  if (workers.empty())
    return newTask(0);
  task = newTask;
  remaining.store(static_cast<unsigned>(workers.size()),
                  std::memory_order_relaxed);
  {
    // Under the mutex: a worker about to sleep either sees the new
    // generation or is already waiting for the notification.
    std::lock_guard<std::mutex> lock(mutex);
    generation.fetch_add(1, std::memory_order_release);
  }
  wake.notify_all();
  newTask(0);
  // A worker may have lost its core (two cores, other processes): yield
  // rather than spin against it.
  for (unsigned spins = 0;
       remaining.load(std::memory_order_acquire) != 0; ++spins) {
    if (spins < 4096)
      relax();
    else
      std::this_thread::yield();
  }
}

void WorkerTeam::work(unsigned part) {
  uint64_t seen = 0;
  for (;;) {
    auto spinUntil = std::chrono::steady_clock::now() + kSpinTime;
    for (unsigned spins = 1;
         generation.load(std::memory_order_acquire) == seen; ++spins) {
      relax();
      if (spins % 256 == 0 && std::chrono::steady_clock::now() > spinUntil) {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] {
          return generation.load(std::memory_order_acquire) != seen;
        });
      }
    }
    seen = generation.load(std::memory_order_acquire);
    if (stopping.load(std::memory_order_relaxed))
      return;
    task(part);
    remaining.fetch_sub(1, std::memory_order_acq_rel);
  }
}
