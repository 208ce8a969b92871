//===- WorkerTeam.h - threads that split one instruction's work -*- C++ -*-===//
//
// A fixed team of threads for work items of a few microseconds (one mvm of
// a speech model): a general thread pool's queue, futures and allocation per
// task cost as much as the task. Workers spin briefly between items, then
// sleep, so an idle team takes no CPU. Parts are claimed, not assigned: a
// caller whose workers have lost their cores to other processes runs their
// parts itself instead of waiting for them.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_RUNTIME_SIMULATOR_WORKERTEAM_H
#define HCGS_LIB_RUNTIME_SIMULATOR_WORKERTEAM_H

#include "llvm/ADT/STLFunctionalExtras.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace hcgs::sim {

class WorkerTeam {
public:
  /// A team of `size` parts: the calling thread and size - 1 workers.
  explicit WorkerTeam(unsigned size);
  ~WorkerTeam();
  WorkerTeam(const WorkerTeam &) = delete;
  WorkerTeam &operator=(const WorkerTeam &) = delete;

  unsigned size() const { return static_cast<unsigned>(workers.size()) + 1; }

  /// Calls task(part) once for every part in [0, size()), on the calling
  /// thread and the workers, and returns when all have returned. Not
  /// reentrant.
  void run(llvm::function_ref<void(unsigned part)> task);

private:
  void work();
  /// Runs parts of the task of `generation` while there are any to claim.
  void runParts(uint64_t generation);

  std::vector<std::thread> workers;
  /// The task's generation (high 32 bits) and its next unclaimed part (low
  /// 32 bits), in one word so that a claim for an old task fails. Stored
  /// under `mutex` when a task starts.
  std::atomic<uint64_t> state{0};
  /// Parts of the current task not yet finished.
  std::atomic<unsigned> unfinished{0};
  std::atomic<bool> stopping{false};
  llvm::function_ref<void(unsigned)> task;
  std::mutex mutex;
  std::condition_variable wake;
};

} // namespace hcgs::sim

#endif // HCGS_LIB_RUNTIME_SIMULATOR_WORKERTEAM_H
