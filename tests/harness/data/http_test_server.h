// HttpTestServer: a one-thread HTTP/1.1 server on 127.0.0.1 for the download tests. It serves bytes
// from memory, honours "Range: bytes=N-" with 206, answers 404 for unknown paths and 416 past the end,
// and on request cuts a response midway or ignores ranges. One connection at a time, every wait
// bounded; it stops on destruction or when its lifetime is over, whichever comes first.
#pragma once
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace harness::testing {

class HttpTestServer {
 public:
  /// One request as received.
  struct Request {
    std::string path;   // "/gym_mujoco_v2/hopper_medium-v2.hdf5"
    std::string range;  // the Range header's value, "" when there was none
  };

  explicit HttpTestServer(std::chrono::milliseconds lifetime = std::chrono::seconds(60));
  ~HttpTestServer();
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  /// Serves `body` at `path` (which starts with '/').
  void serve(const std::string& path, std::string body);
  /// The next `times` responses send their headers and only `body_bytes` of the body, then close.
  void cut_next(size_t body_bytes, int times = 1);
  /// When set, Range headers are ignored: every answer is 200 with the whole body.
  void ignore_ranges(bool ignore);
  /// When set, answers carry no Content-Length: the body ends where the connection closes.
  void omit_content_length(bool omit);

  /// "http://127.0.0.1:<port>/"
  std::string base_url() const;
  /// The requests answered so far, in order.
  std::vector<Request> requests() const;

  /// A port on 127.0.0.1 where nothing listens (bound, then closed), so connecting is refused.
  static int closed_port();

 private:
  void loop(std::chrono::steady_clock::time_point deadline);
  void handle(int client);
  std::string respond(const Request& request, size_t& cut_at);

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;  // guards everything below
  std::map<std::string, std::string> files_;
  size_t cut_bytes_ = 0;
  int cuts_left_ = 0;
  bool ignore_ranges_ = false;
  bool omit_length_ = false;
  std::vector<Request> requests_;
  std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace harness::testing
