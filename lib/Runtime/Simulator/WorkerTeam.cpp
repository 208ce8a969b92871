//===- WorkerTeam.cpp - threads that split one instruction's work ---------===//

#include "WorkerTeam.h"

#include <chrono>

using namespace hcgs::sim;

namespace {
/// How long a worker waits for the next task before it sleeps: longer than
/// the gap between two mvms of a time step, far shorter than a run.
constexpr std::chrono::microseconds kSpinTime{200};

inline void relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

constexpr uint64_t generationOf(uint64_t state) { return state >> 32; }
constexpr uint64_t partOf(uint64_t state) { return state & 0xffffffffu; }
} // namespace

WorkerTeam::WorkerTeam(unsigned size) {
  for (unsigned part = 1; part < size; ++part)
    workers.emplace_back([this] { work(); });
}

WorkerTeam::~WorkerTeam() {
  {
    std::lock_guard<std::mutex> lock(mutex);
    stopping.store(true, std::memory_order_relaxed);
    // A new generation with nothing left to claim.
    uint64_t generation = generationOf(state.load()) + 1;
    state.store(generation << 32 | size(), std::memory_order_release);
  }
  wake.notify_all();
  for (std::thread &worker : workers)
    worker.join();
}

void WorkerTeam::runParts(uint64_t generation) {
  uint64_t current = state.load(std::memory_order_acquire);
  while (generationOf(current) == generation && partOf(current) < size()) {
    if (!state.compare_exchange_weak(current, current + 1,
                                     std::memory_order_acq_rel,
                                     std::memory_order_acquire))
      continue;
    task(static_cast<unsigned>(partOf(current)));
    unfinished.fetch_sub(1, std::memory_order_release);
    current = state.load(std::memory_order_acquire);
  }
}

void WorkerTeam::run(llvm::function_ref<void(unsigned)> newTask) {
  if (workers.empty())
    return newTask(0);
  // No part of the last task is running: every one has finished.
  task = newTask;
  unfinished.store(size(), std::memory_order_relaxed);
  uint64_t generation = generationOf(state.load(std::memory_order_relaxed)) + 1;
  {
    // Under the mutex: a worker about to sleep either sees the new
    // generation or is already waiting for the notification.
    std::lock_guard<std::mutex> lock(mutex);
    state.store(generation << 32, std::memory_order_release);
  }
  wake.notify_all();
  runParts(generation);
  // Only parts a worker claimed are left; it runs, so wait for it (yield
  // after a while: it may share a core with this thread).
  for (unsigned spins = 0;
       unfinished.load(std::memory_order_acquire) != 0; ++spins) {
    if (spins < 4096)
      relax();
    else
      std::this_thread::yield();
  }
}

void WorkerTeam::work() {
  uint64_t seen = 0;
  for (;;) {
    auto spinUntil = std::chrono::steady_clock::now() + kSpinTime;
    for (unsigned spins = 1;
         generationOf(state.load(std::memory_order_acquire)) == seen;
         ++spins) {
      relax();
      if (spins % 256 == 0 && std::chrono::steady_clock::now() > spinUntil) {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] {
          return generationOf(state.load(std::memory_order_acquire)) != seen;
        });
      }
    }
    seen = generationOf(state.load(std::memory_order_acquire));
    if (stopping.load(std::memory_order_relaxed))
      return;
    runParts(seen);
  }
}
