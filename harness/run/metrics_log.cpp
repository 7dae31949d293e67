#include "harness/run/metrics_log.h"

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "autodiff/error.h"

namespace harness {

MetricsLog::MetricsLog(const std::string& path, int64_t keep_through_step) : path_(path) {
  if (std::filesystem::exists(path)) {
    std::string kept, torn;
    for (const auto& line : read_metrics(path, &torn)) {
      if (json_number(line, "step", 0) > static_cast<double>(keep_through_step)) break;
      kept += JsonObject::json_line(line) + "\n";  // an old file's bare NaN is rewritten as valid JSON
    }
    if (!torn.empty()) std::fprintf(stderr, "note: %s: dropped its last line, cut short (%s)\n", path.c_str(), torn.c_str());
    if (kept.empty() && keep_through_step > 0)
      std::fprintf(stderr, "note: %s holds no line up to the checkpoint's step %lld (emptied?): the resumed log starts "
                           "after it\n", path.c_str(), static_cast<long long>(keep_through_step));
    std::ofstream(path, std::ios::trunc) << kept;
  }
  out_.open(path, std::ios::app);
  if (!out_) throw autodiff::Error(path + ": cannot open the metrics log for writing");
}

void MetricsLog::write(const JsonObject& line) {
  out_ << line.str() << '\n';
  out_.flush();
  if (!out_) throw autodiff::Error(path_ + ": cannot write the metrics log (disk full?)");
}

std::vector<Json> read_metrics(const std::string& path, std::string* torn_end) {
  std::ifstream in(path);
  if (!in) throw autodiff::Error(path + ": cannot read the metrics log");
  std::vector<std::string> texts;
  for (std::string text; std::getline(in, text);) texts.push_back(text);
  while (!texts.empty() && texts.back().empty()) texts.pop_back();
  std::vector<Json> lines;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].empty()) continue;
    try {
      lines.push_back(parse_json_object(texts[i]));
    } catch (const std::runtime_error& e) {
      const std::string where = path + ":" + std::to_string(i + 1) + ": " + e.what();
      if (torn_end == nullptr || i + 1 < texts.size()) throw autodiff::Error(where);
      *torn_end = "line " + std::to_string(i + 1) + ": " + e.what();
    }
  }
  return lines;
}

}  // namespace harness
