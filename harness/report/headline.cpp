#include "harness/report/headline.h"

#include <algorithm>
#include <cmath>

#include "harness/report/number_format.h"

namespace harness {
namespace {

std::string padded(const std::string& text, size_t width) {
  return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

// columns are aligned by characters; "±" is two bytes and one character
size_t characters(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// "beats BC by 25.3 points", "trails BC by 4.0 points", "ties with BC"
std::string margin(double difference, const std::string& other) {
  const std::string points = fixed(std::fabs(difference));
  if (points == fixed(0.0)) return "ties with " + other;
  return (difference > 0 ? "beats " : "trails ") + other + " by " + points + " points";
}

std::string seeds_clause(const MethodScores& iql, const MethodScores& bc) {
  if (iql.seeds == bc.seeds) return "(" + counted(iql.seeds, "seed") + " each)";
  return "(IQL " + counted(iql.seeds, "seed") + ", BC " + std::to_string(bc.seeds) + ")";
}

}  // namespace

std::string headline_table(const std::vector<HeadlineRow>& rows) {
  size_t name_width = 0, score_width = 0;
  std::vector<std::string> scores;
  for (const HeadlineRow& r : rows) {
    scores.push_back(fixed(r.mean) + " ± " + fixed(r.std));
    name_width = std::max(name_width, r.name.size());
    score_width = std::max(score_width, characters(scores.back()));
  }
  std::string text;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string score = std::string(score_width - characters(scores[i]), ' ') + scores[i];
    text += padded(rows[i].name, name_width) + "  " + score + "  " + rows[i].detail + "\n";
  }
  return text;
}

std::string verdict_line(const MethodScores& iql, const MethodScores& bc, const std::optional<BehaviourScore>& behaviour,
                         const std::string& behaviour_name) {
  const double over_bc = iql.mean - bc.mean;
  std::string line = "IQL " + margin(over_bc, "BC") + " " + seeds_clause(iql, bc);
  if (std::fabs(over_bc) <= iql.std + bc.std && fixed(std::fabs(over_bc)) != fixed(0.0)) {
    line += ", within the seeds' spread (" + fixed(iql.std) + " + " + fixed(bc.std) + ")";
  }
  if (behaviour) {
    const double over = iql.mean - behaviour->mean;
    line += (over_bc > 0) == (over > 0) ? " and " : " but ";
    line += margin(over, behaviour_name);
  }
  return line + ".";
}

}  // namespace harness
