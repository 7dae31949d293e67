#include "harness/grid/slurm_time.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

#include "harness/grid/grid_spec.h"

namespace harness {
namespace {

constexpr int64_t kLongestStopSeconds = 300;

GridError bad_time(const std::string& time, const std::string& why) {
  return GridError("--time " + time + ": " + why +
                   "; use one of Slurm's forms: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S (e.g. 12:00:00)");
}

// "1:30:00" -> {1, 30, 0}; every field must be digits
std::vector<int64_t> fields(const std::string& text, const std::string& time) {
  std::vector<int64_t> values;
  std::istringstream in(text);
  for (std::string field; std::getline(in, field, ':');) {
    const bool digits = !field.empty() && field.size() <= 9 &&
                        std::all_of(field.begin(), field.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (!digits) throw bad_time(time, "'" + field + "' is not a number");
    values.push_back(std::stoll(field));
  }
  if (values.empty() || values.size() > 3 || text.back() == ':') throw bad_time(time, "not a time limit");
  return values;
}

// hours, minutes and seconds of the fields after "D-": H, H:M or H:M:S
int64_t seconds_after_days(const std::vector<int64_t>& f) {
  return f[0] * 3600 + (f.size() > 1 ? f[1] * 60 : 0) + (f.size() > 2 ? f[2] : 0);
}

// without days: M, M:S or H:M:S
int64_t seconds_without_days(const std::vector<int64_t>& f) {
  if (f.size() == 3) return f[0] * 3600 + f[1] * 60 + f[2];
  return f[0] * 60 + (f.size() > 1 ? f[1] : 0);
}

}  // namespace

int64_t slurm_time_seconds(const std::string& time) {
  const size_t dash = time.find('-');
  int64_t seconds = 0;
  if (dash == std::string::npos) {
    seconds = seconds_without_days(fields(time, time));
  } else {
    const std::vector<int64_t> days = fields(time.substr(0, dash), time);
    if (days.size() != 1) throw bad_time(time, "days come as D- before the hours");
    seconds = days[0] * 86400 + seconds_after_days(fields(time.substr(dash + 1), time));
  }
  return (seconds + 59) / 60 * 60;  // Slurm keeps limits in whole minutes
}

int64_t stop_signal_seconds(const std::string& time) {
  const int64_t limit = slurm_time_seconds(time);
  if (limit < kShortestSlurmLimitSeconds) {
    throw GridError("--time " + time + ": too short: Slurm sends the checkpoint signal up to 60 s early, so a "
                    "task would stop before making progress; give at least " +
                    std::to_string(kShortestSlurmLimitSeconds / 60) + " minutes (--time " +
                    std::to_string(kShortestSlurmLimitSeconds / 60) + ")");
  }
  return std::min(limit / 4, kLongestStopSeconds);
}

}  // namespace harness
