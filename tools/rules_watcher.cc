#include "tools/rules_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace osprey::tools {

namespace {

constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                             IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB;
// How often to look for the rules directory again after it was deleted or moved away (a
// deploy that swaps in a new directory under the same name).
constexpr int kMissingRootPollMs = 500;

}  // namespace

RulesWatcher::RulesWatcher(std::string directory, std::chrono::milliseconds quiet,
                           std::function<void()> on_change)
    : directory_(std::move(directory)), quiet_(quiet), on_change_(std::move(on_change)) {}

RulesWatcher::~RulesWatcher() {
  if (thread_.joinable()) {
    char byte = 0;
    [[maybe_unused]] ssize_t written = write(stop_pipe_[1], &byte, 1);
    thread_.join();
  }
  for (int fd : {inotify_, stop_pipe_[0], stop_pipe_[1]}) {
    if (fd >= 0) close(fd);
  }
}

bool RulesWatcher::Start(std::string& error) {
  inotify_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify_ < 0 || pipe(stop_pipe_) != 0) {
    error = std::strerror(errno);
    return false;
  }
  WatchTree(directory_);
  thread_ = std::thread([this] { Run(); });
  return true;
}

void RulesWatcher::WatchTree(const std::string& directory) {
  int wd = inotify_add_watch(inotify_, directory.c_str(), kEvents);
  if (directory == directory_) root_watch_ = wd;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(directory, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec)) inotify_add_watch(inotify_, it->path().c_str(), kEvents);
  }
}

void RulesWatcher::Run() {
  bool pending = false;       // A change was seen and not reported yet.
  bool root_missing = false;  // The root's watch is gone (deleted or moved away).
  while (true) {
    pollfd fds[2] = {{inotify_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    // Waiting with a change pending: report it once nothing happened for `quiet_`.
    int timeout = pending        ? static_cast<int>(quiet_.count())
                  : root_missing ? kMissingRootPollMs
                                 : -1;
    int ready = poll(fds, 2, timeout);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0 || (fds[1].revents & POLLIN) != 0) return;
    if (ready == 0) {
      if (root_missing && std::filesystem::is_directory(directory_)) {
        WatchTree(directory_);  // The directory is back: watch it again and reload it.
        root_missing = root_watch_ < 0;
        pending = true;
        continue;
      }
      if (pending) {
        pending = false;
        on_change_();
      }
      continue;
    }
    alignas(inotify_event) char buffer[4096];
    ssize_t length;
    bool new_directory = false;
    while ((length = read(inotify_, buffer, sizeof(buffer))) > 0) {
      for (ssize_t offset = 0; offset < length;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + offset);
        if ((event->mask & IN_ISDIR) != 0 && (event->mask & (IN_CREATE | IN_MOVED_TO)) != 0) {
          new_directory = true;
        }
        if (event->wd == root_watch_ &&
            (event->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) != 0) {
          root_missing = true;
        }
        offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
    // A new subdirectory gets its own watch (watching an already watched one is harmless).
    if (new_directory) WatchTree(directory_);
    pending = true;
  }
}

}  // namespace osprey::tools
