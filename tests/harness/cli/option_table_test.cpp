// Every option of every command, checked by one table (issue 32). The test walks make_cli()'s own
// definition of the subcommands and options, so a new option is covered without editing it, and
// runs the real iql once per case: each numeric option with 0, -1, a huge value, nan, inf and a
// word; each path option with a missing file, a directory, files of other kinds and a place that
// cannot be written. Every case must exit 1..125 with one line that names the option or the file,
// in iql's words and never a library's. The values that are fine are listed below with the reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "harness/cli/app.h"
#include "harness/data/d4rl_fixture.h"
#include "tests/harness/cli/bad_values.h"
#include "tests/harness/cli/iql_binary.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

namespace fs = std::filesystem;

// the files and directories the path cases give, made once in a scratch directory
struct Scratch {
  testing::TempDir dir;
  std::string text = dir.file("notes.txt");          // a text file of no kind iql reads
  std::string dataset = dir.file("dataset.hdf5");    // a D4RL dataset (HDF5)
  std::string empty_dir = dir.file("empty");         // a directory with nothing in it
  std::string missing = dir.file("missing.h5");      // nothing there
  std::string under_file = dir.file("notes.txt/sub/x");  // cannot be created: its parent is a file
  std::string cache = dir.file("cache");             // an empty dataset cache
  std::string grid = dir.file("grid.toml");          // a grid of one D4RL dataset, for reproduce --plan

  Scratch() {
    testing::write_bytes(text, "hello\n");
    testing::write_bytes(grid, "[dataset.hopper-medium-v2]\n");
    fs::create_directories(empty_dir);
    fs::create_directories(cache);
    write_fixture(dataset, dataset_info("hopper-medium-v2"), FixtureShape{20, 0}, 0);
  }
};

// what one case gives an option
struct PathCase {
  const char* name;  // "missing", "directory", ...
  std::string value;
};

// the arguments each command needs besides the option under test, so that option is what fails;
// the option under test replaces its entry here
std::map<std::string, std::vector<std::pair<std::string, std::string>>> base_arguments(const Scratch& s) {
  const std::string out = s.dir.file("out");
  return {
      {"datasets fetch", {{"names", "hopper-medium-v2"}}},
      {"datasets path", {{"names", "hopper-medium-v2"}}},
      {"datasets verify", {{"items", "hopper-medium-v2"}}},
      {"datasets generate", {{"names", "hopper-medium-replay-regen"}}},
      {"datasets fixture", {{"name", "hopper-medium-v2"}, {"--out", s.dir.file("fixture.hdf5")}}},
      {"datasets check-env", {{"name", "hopper-medium-v2"}}},
      {"datasets render", {{"name", "hopper-medium-v2"}, {"--out", s.dir.file("x.gif")}}},
      {"train", {{"--dataset", "hopper-medium-v2"}, {"--offline", ""}, {"--out", out}}},
      {"finetune", {{"--dataset", "antmaze-umaze-regen"}, {"--offline", ""}, {"--out", out}}},
      {"sac", {{"--env", "hopper"}, {"--out", out}}},
      {"eval", {{"--video", s.dir.file("v.gif")}}},
      {"grid", {{"--grid", s.text}}},
      {"reproduce", {{"--grid", s.grid}, {"--plan", ""}, {"--out", out}}},
      {"plot", {{"runs", s.empty_dir}, {"--metric", "weight_ess"}, {"--out", out}}},
      {"report", {{"runs_dir", s.empty_dir}, {"--golden", IQL_SOURCE_DIR "/golden/paper.csv"}, {"--out", out}}},
      {"parity compare", {{"--reference", s.text}}},
      {"parity inputs", {{"--out", s.dir.file("inputs.h5")}}},
      {"demo", {{"--out", out}}},
  };
}

// path cases that are fine for every option of a type, and why
const char* accepted_by_type(const std::string& type, const std::string& case_name) {
  if (type == "OUT_FILE" && case_name == "missing") return "a file to write is created";
  if (type == "OUT_FILE" && (case_name == "text file" || case_name == "dataset")) return "a file to write is replaced";
  if (type == "OUT_DIR" && (case_name == "missing" || case_name == "empty directory")) return "a directory to write into is created or used";
  return nullptr;
}

// path cases that are fine for one option, and why
const std::map<std::string, const char*> kAcceptedPaths = {
    {"train --file dataset", "a D4RL dataset is what it takes"},
    {"finetune --file dataset", "a D4RL dataset is what it takes"},
    {"datasets check-env --file dataset", "a D4RL dataset is what it takes"},
    {"datasets render --file dataset", "a D4RL dataset is what it takes"},
};

// options that take text (names, URLs, patterns, Slurm's own syntax): neither a number nor a path,
// so the table has no bad value for them; each is checked where its text is read. An option of a
// type the table does not know must be added here or given a numeric or path type.
const std::set<std::string> kTextOptions = {
    "datasets path names", "datasets fetch names", "datasets fetch --mirror", "datasets verify items",
    "datasets verify --dataset", "datasets generate names", "datasets fixture name", "datasets check-env name",
    "datasets render name", "env rollout --env", "env xml --env", "train --dataset", "train --env", "train --mirror",
    "sac --env", "grid --backend", "grid --only", "grid --seeds", "grid --set", "grid --mirror", "grid --time",
    "grid --mem", "grid --partition", "grid --iql", "grid --workdir", "parity inputs --case",
    "parity compare --case", "golden --only", "reproduce --seeds", "reproduce --only", "plot runs", "plot --metric",
    "plot --title", "demo --mixture", "demo --name", "finetune --dataset",
    "finetune --env", "finetune --mirror",
};

struct Case {
  std::string label;                      // "train --seed -1"
  std::vector<std::string> args;          // after `iql`
  std::vector<std::string> names;         // one of these must be in the message: the option, the value
};

std::string command_path(const CLI::App* app) {
  std::string path;
  for (const CLI::App* a = app; a->get_parent() != nullptr; a = a->get_parent()) {
    path = a->get_name() + (path.empty() ? "" : " " + path);
  }
  return path;
}

// the option's kind from its type name: "INT:>= 1" -> INT
std::string type_of(const CLI::Option* option) {
  const std::string type = option->get_type_name();
  return type.substr(0, type.find(':'));
}

std::string key_of(std::string flag) {  // --batch-size -> batch_size
  flag = flag.substr(flag.find_first_not_of('-'));
  std::replace(flag.begin(), flag.end(), '-', '_');
  return flag;
}

// numeric values that are fine for one option (not a hyperparameter), and why
const std::map<std::string, const char*> kAcceptedNumbers = {
    {"report --tolerance 99999999999999999999", "a pass band wider than any score passes every dataset: useless, not wrong"},
    {"report --tolerance-stds 99999999999999999999", "a pass band wider than any score passes every dataset: useless, not wrong"},
    {"report --tolerance-min 99999999999999999999", "a pass band wider than any score passes every dataset: useless, not wrong"},
};

// why `value` is fine for a numeric option, or nullptr
const char* accepted_number(const std::string& command, const CLI::Option* option, const std::string& value) {
  const std::string type = option->get_type_name();
  if (value == "0" && type.find(">= 0") != std::string::npos) return "0 is in its range (>= 0, shown in --help)";
  const auto listed = kAcceptedNumbers.find(command + " " + option->get_name() + " " + value);
  if (listed != kAcceptedNumbers.end()) return listed->second;
  if (option->get_group().find("hyperparameters") == std::string::npos) return nullptr;
  return testing::accepted_reason(key_of(option->get_name()), value);
}

// `command`'s words, its base arguments but the tested option's, then the tested option with `value`;
// a base entry whose name has no dashes is a positional argument
std::vector<std::string> arguments(const std::string& command, const CLI::Option* tested, const std::string& value,
                                   const std::vector<std::pair<std::string, std::string>>& base) {
  std::vector<std::string> args;
  std::istringstream words(command);
  for (std::string w; words >> w;) args.push_back(w);
  for (const auto& [name, v] : base) {
    if (name == tested->get_name()) continue;
    if (name.rfind("--", 0) == 0) args.push_back(name);
    if (!v.empty()) args.push_back(v);
  }
  if (tested->nonpositional()) args.push_back(tested->get_name());
  args.push_back(value);
  return args;
}

// cases for every numeric and path option of `app` and its subcommands; `unknown` collects options of
// a type the table does not know
void collect(const CLI::App* app, const Scratch& s, std::vector<Case>& cases, std::vector<std::string>& unknown) {
  const auto bases = base_arguments(s);
  const std::string command = command_path(app);
  const auto base = bases.count(command) ? bases.at(command) : std::vector<std::pair<std::string, std::string>>{};
  for (const CLI::Option* option : app->get_options()) {
    const std::string type = type_of(option);
    const std::string name = option->get_name();
    if (type == "INT" || type == "UINT" || type == "FLOAT" || type == "BOOL") {
      for (const char* value : testing::kBadNumbers) {
        if (accepted_number(command, option, value) != nullptr) continue;
        cases.push_back({command + " " + name + " " + value, arguments(command, option, value, base), {name}});
      }
    } else if (type == "FILE" || type == "DIR" || type == "OUT_FILE" || type == "OUT_DIR") {
      const std::vector<PathCase> paths = {{"missing", s.missing}, {"empty directory", s.empty_dir},
                                           {"text file", s.text}, {"dataset", s.dataset},
                                           {"unwritable", s.under_file}};
      for (const PathCase& p : paths) {
        if (accepted_by_type(type, p.name) || kAcceptedPaths.count(command + " " + name + " " + p.name)) continue;
        cases.push_back({command + " " + name + " (" + p.name + ")", arguments(command, option, p.value, base),
                         {name, p.value}});
      }
    } else if (option->get_expected_max() > 0 && !kTextOptions.count(command + " " + name)) {
      unknown.push_back(command + " " + name + " (" + option->get_type_name() + ")");
    }
  }
  for (const CLI::App* sub : app->get_subcommands({})) collect(sub, s, cases, unknown);
}

std::string check_outcome(const Case& c, const JobOutcome& outcome, const std::string& log) {
  if (outcome.exit_code == 124 || outcome.signal != 0) return "timed out or crashed: the command ran instead of refusing";
  if (outcome.exit_code < 1 || outcome.exit_code > 125) return "exit code " + std::to_string(outcome.exit_code);
  const std::string library = testing::library_text_in(log);
  if (!library.empty()) return "a library's text ('" + library + "')";
  const bool named = std::any_of(c.names.begin(), c.names.end(), [&](const std::string& n) { return log.find(n) != std::string::npos; });
  if (!named) return "the message names neither " + c.names.front() + " nor the value";
  if (std::count(log.begin(), log.end(), '\n') != 1) return "more than one line";
  return "";
}

TEST(OptionTable, EveryOptionOfEveryCommandRefusesBadValuesInOneLine) {
  const std::string iql = testing::iql_binary();
  ASSERT_TRUE(fs::exists(iql)) << iql << " is missing: build the iql target (iql_cli) too";
  Scratch scratch;
  const std::unique_ptr<CLI::App> cli = make_cli();
  std::vector<Case> cases;
  std::vector<std::string> unknown;
  collect(cli.get(), scratch, cases, unknown);
  ASSERT_GT(cases.size(), 100u) << "the walk found too few options";
  EXPECT_TRUE(unknown.empty()) << "options the table cannot test: give them a numeric or path type, or list them "
                                  "in kTextOptions: " << CLI::detail::join(unknown, ", ");

  std::vector<PoolJob> jobs;
  for (size_t i = 0; i < cases.size(); ++i) {
    std::vector<std::string> argv = {"/usr/bin/timeout", "-s", "KILL", "60", iql};
    argv.insert(argv.end(), cases[i].args.begin(), cases[i].args.end());
    jobs.push_back({argv, scratch.dir.file("logs/" + std::to_string(i) + ".log")});
  }
  PoolOptions pool;
  pool.workers = 2;
  pool.env = {{"D4RL_DATASET_DIR", scratch.cache}, {"D4RL_MIRROR", "http://127.0.0.1:9/"},
              {"OPENBLAS_CORETYPE", "Haswell"}, {"HOME", scratch.dir.path()}};
  const PoolResult result = run_pool(jobs, pool);
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string log = testing::read_bytes(jobs[i].log_path);
    const std::string problem = check_outcome(cases[i], result.outcomes[i], log);
    EXPECT_EQ(problem, "") << cases[i].label << "\n  iql " << CLI::detail::join(cases[i].args, " ") << "\n  " << log;
  }
}

}  // namespace
}  // namespace harness
