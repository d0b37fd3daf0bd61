// Watches a rules directory (inotify, subdirectories included; the directory itself may be
// deleted and created again, or replaced by a rename) and calls back once the files have
// settled after a change: editors and deploy tools write several files, or one file in
// several steps, and a reload in the middle would see half a ruleset.
#ifndef OSPREY_TOOLS_RULES_WATCHER_H_
#define OSPREY_TOOLS_RULES_WATCHER_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace osprey::tools {

class RulesWatcher {
 public:
  // `on_change` runs on the watcher's thread, `quiet` after the last of a burst of changes.
  RulesWatcher(std::string directory, std::chrono::milliseconds quiet,
               std::function<void()> on_change);
  ~RulesWatcher();  // Stops the thread.
  RulesWatcher(const RulesWatcher&) = delete;
  RulesWatcher& operator=(const RulesWatcher&) = delete;

  // Starts watching; false (with errno's message in `error`) when inotify cannot be set up.
  bool Start(std::string& error);

 private:
  void Run();
  void WatchTree(const std::string& directory);

  std::string directory_;
  std::chrono::milliseconds quiet_;
  std::function<void()> on_change_;
  int inotify_ = -1;
  int root_watch_ = -1;          // The watch descriptor of `directory_` itself.
  int stop_pipe_[2] = {-1, -1};  // Written to wake the thread for shutdown.
  std::thread thread_;
};

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_RULES_WATCHER_H_
