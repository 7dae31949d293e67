#include "harness/behaviour/mixture.h"

#include <limits>

#include "harness/behaviour/regenerate.h"
#include "harness/data/registry.h"

namespace harness {
namespace {

MixturePart parse_part(const std::string& part, const std::string& text) {
  const size_t colon = part.rfind(':');
  const auto bad = [&](const std::string& why) {
    return DatasetError("mixture \"" + text + "\": part \"" + part + "\" " + why + " (write NAME:ROWS,NAME:ROWS)");
  };
  if (colon == std::string::npos || colon == 0) throw bad("is not NAME:ROWS");
  const std::string rows = part.substr(colon + 1);
  size_t used = 0;
  long long count = 0;
  try {
    count = std::stoll(rows, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != rows.size() || count < 1) throw bad("needs a row count of 1 or more");
  return {part.substr(0, colon), count};
}

}  // namespace

std::vector<MixturePart> demo_mixture(int64_t rows_per_part) {
  return {{"hopper-expert-regen", rows_per_part}, {"hopper-random-regen", rows_per_part}};
}

std::vector<MixturePart> parse_mixture(const std::string& text) {
  std::vector<MixturePart> parts;
  size_t begin = 0;
  while (begin <= text.size()) {
    const size_t comma = std::min(text.find(',', begin), text.size());
    parts.push_back(parse_part(text.substr(begin, comma - begin), text));
    begin = comma + 1;
  }
  return parts;
}

std::string mixture_text(const std::vector<MixturePart>& parts) {
  std::string text;
  for (const MixturePart& p : parts) text += (text.empty() ? "" : ",") + p.entry + ":" + std::to_string(p.rows);
  return text;
}

std::vector<RegenEntry> mixture_entries(const std::vector<RegenEntry>& manifest, const std::string& manifest_path,
                                        const std::vector<MixturePart>& parts) {
  std::vector<RegenEntry> entries;
  for (const MixturePart& p : parts) {
    entries.push_back(manifest_entry(manifest, p.entry, manifest_path));
    if (entries.back().env != entries.front().env) {
      throw DatasetError("mixture " + mixture_text(parts) + ": " + p.entry + " is a " + entries.back().env +
                         " set but " + entries.front().name + " is a " + entries.front().env + " one");
    }
  }
  return entries;
}

Mixture collect_mixture(const std::vector<RegenEntry>& entries, const std::vector<MixturePart>& parts) {
  Mixture mixture;
  for (size_t i = 0; i < parts.size(); ++i) {
    const D4rlFile part = collect_recipe(entries.at(i), parts[i].rows);
    // the join cuts the previous part after its last complete episode
    mixture.file = i == 0 ? part : concatenate_episodes(mixture.file, part, std::numeric_limits<size_t>::max());
    const size_t begin = mixture.file.arrays.rows() - part.arrays.rows();
    if (i > 0) mixture.parts.back().end = begin;
    if (i > 0 && mixture.parts.back().size() == 0) {
      throw DatasetError("mixture " + mixture_text(parts) + ": the first " + std::to_string(parts[i - 1].rows) +
                         " rows of " + parts[i - 1].entry + " hold no complete episode; give it more rows");
    }
    mixture.parts.push_back({begin, mixture.file.arrays.rows()});
  }
  return mixture;
}

}  // namespace harness
