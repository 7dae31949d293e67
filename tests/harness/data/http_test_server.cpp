#include "http_test_server.h"

#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace harness::testing {
namespace {

constexpr int kPollMilliseconds = 50;
constexpr size_t kMaxHeaderBytes = 16 * 1024;
constexpr int kClientTimeoutSeconds = 2;

// a listening socket on 127.0.0.1 at an ephemeral port; returns (socket, port)
std::pair<int, int> listen_on_loopback() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 8) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("HttpTestServer: cannot listen on 127.0.0.1");
  }
  return {fd, ntohs(address.sin_port)};
}

bool send_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data += sent;
    size -= static_cast<size_t>(sent);
  }
  return true;
}

// every receive and send on `fd` gives up after kClientTimeoutSeconds
void bound_waits(int fd) {
  timeval timeout{kClientTimeoutSeconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
}

// reads up to the blank line that ends the headers (bounded in size and time)
std::string read_headers(int fd) {
  std::string headers;
  char buffer[1024];
  while (headers.find("\r\n\r\n") == std::string::npos && headers.size() < kMaxHeaderBytes) {
    ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    headers.append(buffer, static_cast<size_t>(got));
  }
  return headers;
}

// "GET /path HTTP/1.1\r\n...Range: bytes=10-\r\n..." -> {"/path", "bytes=10-"}
HttpTestServer::Request parse_request(const std::string& headers) {
  HttpTestServer::Request request;
  size_t path_start = headers.find(' ') + 1;
  request.path = headers.substr(path_start, headers.find(' ', path_start) - path_start);
  for (size_t line = headers.find("\r\n"); line != std::string::npos; line = headers.find("\r\n", line + 2)) {
    std::string name = headers.substr(line + 2, 6);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "range:") {
      size_t value = headers.find_first_not_of(' ', line + 8);
      request.range = headers.substr(value, headers.find("\r\n", value) - value);
    }
  }
  return request;
}

std::string head(const std::string& status, size_t length, const std::string& extra = "", bool with_length = true) {
  const std::string length_line = with_length ? "Content-Length: " + std::to_string(length) + "\r\n" : "";
  return "HTTP/1.1 " + status + "\r\n" + length_line + extra + "Connection: close\r\n\r\n";
}

}  // namespace

HttpTestServer::HttpTestServer(std::chrono::milliseconds lifetime) {
  std::tie(listener_, port_) = listen_on_loopback();
  auto deadline = std::chrono::steady_clock::now() + lifetime;
  thread_ = std::thread([this, deadline] { loop(deadline); });
}

HttpTestServer::~HttpTestServer() {
  stop_ = true;
  thread_.join();
  ::close(listener_);
}

void HttpTestServer::serve(const std::string& path, std::string body) {
  std::lock_guard<std::mutex> lock(mutex_);
  files_[path] = std::move(body);
}

void HttpTestServer::cut_next(size_t body_bytes, int times) {
  std::lock_guard<std::mutex> lock(mutex_);
  cut_bytes_ = body_bytes;
  cuts_left_ = times;
}

void HttpTestServer::ignore_ranges(bool ignore) {
  std::lock_guard<std::mutex> lock(mutex_);
  ignore_ranges_ = ignore;
}

void HttpTestServer::omit_content_length(bool omit) {
  std::lock_guard<std::mutex> lock(mutex_);
  omit_length_ = omit;
}

std::string HttpTestServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

std::vector<HttpTestServer::Request> HttpTestServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

int HttpTestServer::closed_port() {
  auto [fd, port] = listen_on_loopback();
  ::close(fd);
  return port;
}

void HttpTestServer::loop(std::chrono::steady_clock::time_point deadline) {
  while (!stop_ && std::chrono::steady_clock::now() < deadline) {
    pollfd waiting{listener_, POLLIN, 0};
    if (::poll(&waiting, 1, kPollMilliseconds) <= 0) continue;
    int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    handle(client);
    ::shutdown(client, SHUT_RDWR);
    ::close(client);
  }
}

void HttpTestServer::handle(int client) {
  bound_waits(client);
  std::string headers = read_headers(client);
  if (headers.find("\r\n\r\n") == std::string::npos) return;
  Request request = parse_request(headers);
  size_t cut_at = std::string::npos;
  std::string response = respond(request, cut_at);
  send_all(client, response.data(), std::min(cut_at, response.size()));
}

// the whole response; cut_at is where to stop sending when this response is to be cut
std::string HttpTestServer::respond(const Request& request, size_t& cut_at) {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.push_back(request);
  auto file = files_.find(request.path);
  if (file == files_.end()) return head("404 Not Found", 9) + "not found";
  const std::string& body = file->second;
  size_t from = 0;
  bool ranged = !ignore_ranges_ && request.range.rfind("bytes=", 0) == 0;
  if (ranged) from = std::stoull(request.range.substr(6));
  std::string response;
  if (ranged && from >= body.size()) {
    return head("416 Range Not Satisfiable", 0, "Content-Range: bytes */" + std::to_string(body.size()) + "\r\n");
  }
  if (ranged) {
    std::string range = "bytes " + std::to_string(from) + "-" + std::to_string(body.size() - 1) + "/" +
                        std::to_string(body.size());
    response = head("206 Partial Content", body.size() - from, "Content-Range: " + range + "\r\n", !omit_length_);
  } else {
    response = head("200 OK", body.size(), "", !omit_length_);
  }
  if (cuts_left_ > 0) {
    --cuts_left_;
    cut_at = response.size() + cut_bytes_;
  }
  return response + body.substr(from);
}

}  // namespace harness::testing
