//===- WorkerTeam.h - threads that split one instruction's work -*- C++ -*-===//
//
// A fixed team of threads for work items of a few microseconds (one mvm of
// a speech model): a general thread pool's queue, futures and allocation per
// task cost as much as the task. Workers spin briefly between items, then
// sleep, so an idle team takes no CPU.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_SIMULATOR_WORKERTEAM_H
#define HCGS_LIB_SIMULATOR_WORKERTEAM_H

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

  /// Calls task(part) once for every part in [0, size()), part 0 on the
  /// calling thread, and returns when all have returned. Not reentrant.
  void run(llvm::function_ref<void(unsigned part)> task);

private:
  void work(unsigned part);

  std::vector<std::thread> workers;
  /// Bumped (under `mutex`) to hand out a task; workers run each once.
  std::atomic<uint64_t> generation{0};
  /// Workers still running the current task.
  std::atomic<unsigned> remaining{0};
  std::atomic<bool> stopping{false};
  llvm::function_ref<void(unsigned)> task;
  std::mutex mutex;
  std::condition_variable wake;
};

} // namespace hcgs::sim

#endif // HCGS_LIB_SIMULATOR_WORKERTEAM_H
