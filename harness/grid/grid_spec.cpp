#include "harness/grid/grid_spec.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <limits>
#include <optional>
#include <set>

#include <CLI/CLI.hpp>

#include "harness/run/config_memory.h"
#include "harness/run/config_options.h"
#include "harness/run/toml_lines.h"
#include "harness/data/registry.h"
#include "iql/config.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

constexpr uint64_t kDefaultSeedCount = 5;      // seeds 0..4: the reporting practice asks for >= 5
constexpr uint64_t kMaxSeedRange = 100000;     // bounds "a-b" so a typo cannot expand forever

// the keys of one section, in file order
struct Section {
  std::string label;  // "[defaults]" or "[dataset.NAME]", for messages
  std::vector<std::pair<std::string, std::vector<std::string>>> keys;
};

// the settings of a dataset while the layers ([defaults], then its own section) are applied
struct Layered {
  std::optional<std::string> preset;
  int64_t eval_interval = 0;
  int eval_episodes = 0;
  int64_t online_steps = 0;
  std::vector<uint64_t> seeds;
  std::string config;
  std::map<std::string, std::string> hyperparameters;
};

bool is_hyperparameter(const std::string& key) {
  bool found = false;
  iql::IqlConfig probe;
  iql::for_each_field(probe, [&](const char* name, auto&, const char*) { found = found || key == name; });
  return found;
}

const std::string& single_value(const std::vector<std::string>& inputs, const std::string& where,
                                const std::string& key) {
  if (inputs.size() != 1) throw GridError(where + " key '" + key + "' needs exactly one value");
  return inputs.front();
}

// `max` bounds the value to what its field holds, so a large number is refused rather than narrowed
int64_t positive_integer(const std::string& text, const std::string& what,
                         int64_t max = std::numeric_limits<int64_t>::max()) {
  size_t used = 0;
  int64_t value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || value <= 0 || value > max) {
    throw GridError(what + " = '" + text + "' is not an integer from 1 to " + std::to_string(max));
  }
  return value;
}

uint64_t seed_value(const std::string& text) {
  const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || text.size() > 19) throw GridError("seed '" + text + "' is not a non-negative integer");
  return std::stoull(text);
}

// config paths in a grid file are relative to the file, so the grid works from any directory
std::string config_path(const std::string& value, const std::string& grid_path, const std::string& where) {
  fs::path path(value);
  if (path.is_relative()) path = (fs::path(grid_path).parent_path() / path).lexically_normal();
  if (!fs::exists(path)) {
    throw GridError(where + " config = '" + value + "': no such file " + path.string() +
                    " (config paths are relative to the grid file)");
  }
  return path.string();
}

void apply_key(Layered& out, const std::string& key, const std::vector<std::string>& inputs,
               const std::string& grid_path, const std::string& where) {
  const std::string what = where + " " + key;
  if (key == "seeds") {
    std::string joined;
    for (const std::string& input : inputs) joined += (joined.empty() ? "" : ",") + input;
    try {
      out.seeds = parse_seed_list(joined);
    } catch (const GridError& e) {
      throw GridError(what + ": " + e.what());
    }
  } else if (key == "preset") {
    out.preset = single_value(inputs, where, key);
  } else if (key == "eval_interval") {
    out.eval_interval = positive_integer(single_value(inputs, where, key), what);
  } else if (key == "eval_episodes") {
    out.eval_episodes = static_cast<int>(positive_integer(single_value(inputs, where, key), what, std::numeric_limits<int>::max()));
  } else if (key == "online_steps") {
    out.online_steps = positive_integer(single_value(inputs, where, key), what);
  } else if (key == "config") {
    out.config = config_path(single_value(inputs, where, key), grid_path, where);
  } else if (is_hyperparameter(key)) {
    const std::string& value = single_value(inputs, where, key);
    iql::IqlConfig probe;
    set_config_field(probe, key, value, where);  // rejects a value of the wrong type now, not in every cell
    out.hyperparameters[key] = value;
  } else {
    std::string keys;
    for (const std::string& k : grid_own_keys()) keys += (keys.empty() ? "" : ", ") + k;
    throw GridError(where + " unknown key '" + key + "' (grid keys: " + keys +
                    "; or an IQL hyperparameter, see `iql train --help`)");
  }
}

void apply_section(Layered& out, const Section& section, const std::string& grid_path) {
  const std::string where = grid_path + ": " + section.label;
  for (const auto& [key, inputs] : section.keys) apply_key(out, key, inputs, grid_path, where);
}

// every cell's hyperparameters (the suite's preset, the config file, the grid's keys) checked once,
// here, instead of failing in each cell's train.log; a key of the grid is named as written there
void check_hyperparameters(const GridDataset& d, const std::string& where) {
  iql::IqlConfig config = d.preset == kAntmazeSuite ? iql::antmaze_config() : iql::IqlConfig{};
  try {
    if (!d.config.empty()) config = resolve_config(config, ConfigOverrides{d.config, {}, {}});
    for (const auto& [key, value] : d.hyperparameters) set_config_field(config, key, value, where);
    iql::validate(config);
    check_fits_in_memory(config);
  } catch (const iql::ConfigError& e) {
    if (e.key.empty() || !d.hyperparameters.count(e.key)) throw GridError(where + ": " + e.what());
    throw GridError(where + ": " + e.key + " = " + d.hyperparameters.at(e.key) + ": it must be " + e.rule);
  }
}

// the preset names the registry suite; a dataset's eval settings default to that suite's
GridDataset resolve_dataset(const std::string& name, const Layered& layers, const std::string& where) {
  const DatasetInfo* info = nullptr;
  try {
    info = &dataset_info(name);
  } catch (const DatasetError& e) {
    throw GridError(where + ": " + e.what());
  }
  const bool antmaze = info->suite == kAntmazeSuite;
  GridDataset d;
  d.name = name;
  d.preset = layers.preset.value_or(info->suite);
  if (d.preset != info->suite) {
    throw GridError(where + " preset = '" + d.preset + "' does not fit " + name + ", a " + info->suite +
                    " dataset; write preset = \"" + info->suite + "\"");
  }
  d.eval_interval = layers.eval_interval > 0 ? layers.eval_interval : antmaze ? 100000 : 5000;
  d.eval_episodes = layers.eval_episodes > 0 ? layers.eval_episodes : antmaze ? 100 : 10;
  d.online_steps = layers.online_steps;
  if (d.online_steps > 0 && !antmaze) {
    throw GridError(where + " online_steps: fine-tuning is AntMaze's only (the official script's), and " + name +
                    " is a " + info->suite + " dataset; remove online_steps");
  }
  d.seeds = layers.seeds;
  if (d.seeds.empty()) {
    for (uint64_t s = 0; s < kDefaultSeedCount; ++s) d.seeds.push_back(s);
  }
  d.config = layers.config;
  d.hyperparameters = layers.hyperparameters;
  check_hyperparameters(d, where);
  return d;
}

// CLI11 items -> [defaults] and the [dataset.NAME] sections in file order; "--" items close a
// section, which is how a dataset section without keys is still seen
struct Sections {
  Section defaults{"[defaults]", {}};
  std::vector<std::pair<std::string, Section>> datasets;

  Section& dataset(const std::string& name) {
    for (auto& [n, s] : datasets) {
      if (n == name) return s;
    }
    datasets.push_back({name, Section{"[dataset." + name + "]", {}}});
    return datasets.back().second;
  }
};

Sections split_sections(const std::vector<CLI::ConfigItem>& items, const std::string& path) {
  Sections out;
  std::set<std::string> closed;  // datasets whose section has ended: a second one is a duplicate
  for (const CLI::ConfigItem& item : items) {
    const std::vector<std::string>& p = item.parents;
    const bool dataset = p.size() == 2 && p[0] == "dataset";
    if (item.name == "++") continue;
    if (item.name == "--") {
      if (dataset && !closed.insert(p[1]).second) {
        throw GridError(path + ": [dataset." + p[1] + "] appears twice; merge the two sections");
      }
      if (dataset) out.dataset(p[1]);
      continue;
    }
    if (p.empty()) {
      throw GridError(path + ": key '" + item.name + "' is outside a section; put it under [defaults] or [dataset.NAME]");
    }
    if (p.size() == 1 && p[0] == "defaults") {
      out.defaults.keys.emplace_back(item.name, item.inputs);
    } else if (dataset) {
      out.dataset(p[1]).keys.emplace_back(item.name, item.inputs);
    } else {
      std::string label;
      for (const std::string& part : p) label += (label.empty() ? "" : ".") + part;
      throw GridError(path + ": unknown section [" + label + "] (key '" + item.name +
                      "'); sections are [defaults] and [dataset.NAME]");
    }
  }
  return out;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = std::min(text.find(',', start), text.size());
    parts.push_back(CLI::detail::trim_copy(text.substr(start, end - start)));
    start = end + 1;
  }
  return parts;
}

// glob with * only; the greedy match with one backtrack point is linear in practice and bounded by
// |name| * |pattern|
bool glob_match(std::string_view name, std::string_view pattern) {
  size_t n = 0, p = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p, ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// "--set KEY=VALUE" on the command line: as the key would be in the grid file, checked the same way
void set_hyperparameter(GridDataset& d, const std::string& item) {
  const size_t equals = item.find('=');
  const std::string where = "--set " + item;
  if (equals == std::string::npos || equals == 0) throw GridError(where + ": expected KEY=VALUE, e.g. temperature=0");
  const std::string key = item.substr(0, equals), value = item.substr(equals + 1);
  if (!is_hyperparameter(key)) {
    throw GridError(where + ": '" + key + "' is not an IQL hyperparameter (see `iql train --help`)");
  }
  iql::IqlConfig probe;
  set_config_field(probe, key, value, where);
  d.hyperparameters[key] = value;
}

}  // namespace

const std::vector<std::string>& grid_own_keys() {
  static const std::vector<std::string> keys = {"seeds", "preset", "eval_interval", "eval_episodes", "online_steps",
                                                "config"};
  return keys;
}

GridSpec parse_grid_spec(std::istream& stream, const std::string& path) {
  const std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  const TomlLines lines = check_toml_lines(text, path, true);
  if (!lines.error.empty()) throw GridError(lines.error);
  std::vector<CLI::ConfigItem> items;
  try {
    std::istringstream in(text);
    items = CLI::ConfigTOML().from_config(in);
  } catch (const CLI::Error& e) {
    throw GridError(path + ": cannot parse as TOML: " + e.what());
  }
  const Sections sections = split_sections(items, path);
  if (sections.datasets.empty()) throw GridError(path + ": no [dataset.NAME] section; the grid has no cells");
  GridSpec spec;
  spec.file = path;
  for (const auto& [name, section] : sections.datasets) {
    Layered layers;
    apply_section(layers, sections.defaults, path);
    apply_section(layers, section, path);
    spec.datasets.push_back(resolve_dataset(name, layers, path + ": " + section.label));
  }
  return spec;
}

GridSpec read_grid_spec(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw GridError(path + ": cannot read the grid file");
  return parse_grid_spec(in, path);
}

bool matches_only(std::string_view dataset, std::string_view pattern) {
  if (pattern.find('*') == std::string_view::npos) return dataset.find(pattern) != std::string_view::npos;
  return glob_match(dataset, pattern);
}

GridSpec filter_grid(const GridSpec& spec, const GridFilter& filter) {
  GridSpec out;
  out.file = spec.file;
  const std::vector<std::string> patterns = split_commas(filter.only);
  for (const GridDataset& d : spec.datasets) {
    const bool kept = filter.only.empty() ||
                      std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return !p.empty() && matches_only(d.name, p); });
    if (!kept) continue;
    out.datasets.push_back(d);
    if (!filter.seeds.empty()) out.datasets.back().seeds = filter.seeds;
    for (const std::string& item : filter.set) set_hyperparameter(out.datasets.back(), item);
    if (!filter.set.empty()) check_hyperparameters(out.datasets.back(), "--set");
  }
  if (out.datasets.empty()) {
    std::string names;
    for (const GridDataset& d : spec.datasets) names += (names.empty() ? "" : ", ") + d.name;
    throw GridError("--only '" + filter.only + "' matches no dataset of " + spec.file + " (it has: " + names + ")");
  }
  return out;
}

std::vector<uint64_t> parse_seed_list(const std::string& text) {
  std::vector<uint64_t> seeds;
  std::set<uint64_t> seen;
  for (const std::string& part : split_commas(text)) {
    const size_t dash = part.find('-');
    const uint64_t first = seed_value(part.substr(0, dash));
    const uint64_t last = dash == std::string::npos ? first : seed_value(part.substr(dash + 1));
    if (last < first || last - first >= kMaxSeedRange) {
      throw GridError("seed range '" + part + "' is empty or longer than " + std::to_string(kMaxSeedRange));
    }
    for (uint64_t s = first; s <= last; ++s) {
      if (!seen.insert(s).second) {
        throw GridError("seed " + std::to_string(s) + " is listed twice in '" + text + "'");
      }
      seeds.push_back(s);
    }
  }
  return seeds;
}

}  // namespace harness
