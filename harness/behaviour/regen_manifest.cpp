#include "harness/behaviour/regen_manifest.h"

#include <fstream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "autodiff/error.h"
#include "harness/run/text_file.h"

namespace harness {
namespace {

// every field under its key, in the order written; the visitor sees (key, field)
template <class Entry, class Visit>
void for_each_key(Entry& e, Visit&& visit) {
  visit("env", e.env);
  visit("recipe", e.recipe);
  visit("policy", e.policy);
  visit("policy_sha256", e.policy_sha256);
  visit("policy_step", e.policy_step);
  visit("rule", e.rule);
  visit("parts", e.parts);
  visit("sac_run", e.sac_run);
  visit("collection_seed", e.collection_seed);
  visit("rows", e.rows);
  visit("content_digest", e.content_digest);
  visit("behaviour_score", e.behaviour_score);
  visit("behaviour_score_std", e.behaviour_score_std);
  visit("behaviour_episodes", e.behaviour_episodes);
  visit("recorded_by", e.recorded_by);
  visit("collection_stats", e.collection_stats);
}

template <class T>
void parse_into(T& field, const std::string& text) {
  if constexpr (std::is_same_v<T, std::string>) {
    field = text;
  } else {
    std::istringstream in(text);
    in >> field;
    if (!in || !in.eof()) throw std::invalid_argument("not a number");
  }
}

// [[maybe_unused]]: GCC 12 does not see its one use, inside write_manifest's generic lambda
[[maybe_unused]] std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string default_manifest_path() { return std::string(IQL_SOURCE_DIR) + "/golden/regen/manifest.toml"; }

std::vector<RegenEntry> read_manifest(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw autodiff::Error(path + ": cannot read the manifest of regenerated datasets");
  std::vector<RegenEntry> entries;
  for (const CLI::ConfigItem& item : CLI::ConfigTOML().from_config(in)) {
    if (item.name == "++" || item.name == "--") continue;  // section markers
    if (item.parents.size() != 1) throw autodiff::Error(path + ": key '" + item.name + "' is outside a [dataset] section");
    if (entries.empty() || entries.back().name != item.parents.front()) {
      entries.emplace_back();
      entries.back().name = item.parents.front();
    }
    RegenEntry& entry = entries.back();
    bool known = false;
    for_each_key(entry, [&](const char* key, auto& field) {
      if (item.name != key) return;
      known = true;
      try {
        parse_into(field, item.inputs.size() == 1 ? item.inputs.front() : "");
      } catch (const std::exception&) {
        throw autodiff::Error(path + ": [" + entry.name + "] " + key + " = '" + item.inputs.front() + "' is not a number");
      }
    });
    if (!known) throw autodiff::Error(path + ": [" + entry.name + "] has an unknown key '" + item.name + "'");
  }
  return entries;
}

void write_manifest(const std::string& path, const std::vector<RegenEntry>& entries) {
  std::ostringstream out;
  out.precision(17);
  out << "# Regenerated datasets: made here by D4RL's recipe (shared/spec/d4rl-generation.md), never D4RL's files.\n"
         "# `iql datasets generate NAME` makes one and checks its content digest against this file.\n";
  for (RegenEntry e : entries) {
    out << "\n[" << e.name << "]\n";
    for_each_key(e, [&](const char* key, auto& field) {
      if constexpr (std::is_same_v<std::decay_t<decltype(field)>, std::string>) {
        if (!field.empty()) out << key << " = " << quoted(field) << '\n';
      } else {
        out << key << " = " << field << '\n';
      }
    });
  }
  write_text_file(path, out.str());
}

const RegenEntry& manifest_entry(const std::vector<RegenEntry>& entries, const std::string& name, const std::string& path) {
  for (const RegenEntry& e : entries)
    if (e.name == name) return e;
  std::string known;
  for (const RegenEntry& e : entries) known += (known.empty() ? "" : ", ") + e.name;
  throw autodiff::Error(path + " has no recipe for '" + name + "' yet (its behaviour policy may still be training); "
                        "recipes so far: " + (known.empty() ? "none" : known));
}

}  // namespace harness
