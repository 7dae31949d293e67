// Tests for harness/grid/grid_spec.cpp: the paper grid, defaults, validation errors, filters.
#include "harness/grid/grid_spec.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "harness/behaviour/regen_manifest.h"
#include "harness/data/registry.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

const std::string kPaperGrid = IQL_SOURCE_DIR "/configs/grids/paper.toml";
const std::string kGridPath = "/grids/test.toml";  // names the text in messages

GridSpec parse(const std::string& text) {
  std::istringstream in(text);
  return parse_grid_spec(in, kGridPath);
}

// the GridError message of parsing `text` ("" and a failure if it parses)
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const GridError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no GridError for:\n" << text;
  return "";
}

const GridDataset& find(const GridSpec& spec, const std::string& name) {
  for (const GridDataset& d : spec.datasets) {
    if (d.name == name) return d;
  }
  throw std::runtime_error("no dataset " + name);
}

TEST(GridSpec, TheRegenGridIsThePaperGridOnRegeneratedDatasetsWithRecipes) {
  const GridSpec spec = read_grid_spec(IQL_SOURCE_DIR "/configs/grids/regen.toml");
  const GridSpec paper = read_grid_spec(kPaperGrid);
  const std::vector<RegenEntry> manifest = read_manifest(default_manifest_path());
  std::set<std::string> analogues, paper_names;
  for (const GridDataset& d : paper.datasets) paper_names.insert(d.name);
  for (const GridDataset& d : spec.datasets) {
    const DatasetInfo& info = dataset_info(d.name);
    EXPECT_TRUE(info.regenerated) << d.name;
    EXPECT_NO_THROW(manifest_entry(manifest, d.name, default_manifest_path())) << d.name;
    EXPECT_EQ(d.preset, info.suite) << d.name;
    const bool antmaze = info.suite == kAntmazeSuite;
    EXPECT_EQ(d.eval_interval, antmaze ? 100000 : 5000) << d.name;  // the official commands' intervals
    EXPECT_EQ(d.eval_episodes, antmaze ? 100 : 10) << d.name;
    analogues.insert(d.name.substr(0, d.name.size() - kRegenSuffix.size()) + "-v2");
  }
  EXPECT_EQ(analogues, paper_names);
}

TEST(GridSpec, ParsesThePaperGrid) {
  const GridSpec spec = read_grid_spec(kPaperGrid);
  std::set<std::string> paper, listed;
  for (const DatasetInfo& info : dataset_registry()) {
    if (info.paper) paper.insert(info.name);
  }
  for (const GridDataset& d : spec.datasets) listed.insert(d.name);
  ASSERT_EQ(spec.datasets.size(), 15u);
  EXPECT_EQ(listed, paper);
  for (const GridDataset& d : spec.datasets) {
    const bool antmaze = d.name.rfind("antmaze", 0) == 0;
    EXPECT_EQ(d.preset, antmaze ? "antmaze" : "locomotion") << d.name;
    EXPECT_EQ(d.eval_interval, antmaze ? 100000 : 5000) << d.name;
    EXPECT_EQ(d.eval_episodes, antmaze ? 100 : 10) << d.name;
    EXPECT_EQ(d.seeds, (std::vector<uint64_t>{0, 1, 2, 3, 4})) << d.name;
    EXPECT_TRUE(d.hyperparameters.empty()) << d.name;
    EXPECT_EQ(d.config, "") << d.name;
  }
}

TEST(GridSpec, CiGridIsThePaperGridInMiniature) {
  const GridSpec paper = read_grid_spec(kPaperGrid);
  const GridSpec ci = read_grid_spec(IQL_SOURCE_DIR "/configs/grids/ci.toml");
  ASSERT_EQ(ci.datasets.size(), paper.datasets.size());
  for (size_t i = 0; i < ci.datasets.size(); ++i) {
    EXPECT_EQ(ci.datasets[i].name, paper.datasets[i].name);
    EXPECT_EQ(ci.datasets[i].preset, paper.datasets[i].preset);
    EXPECT_EQ(ci.datasets[i].seeds, (std::vector<uint64_t>{0}));
    EXPECT_EQ(ci.datasets[i].eval_episodes, 1);
    EXPECT_EQ(ci.datasets[i].hyperparameters.at("hidden_dim"), "32");
  }
}

TEST(GridSpec, MissingKeysComeFromDefaultsThenTheSuite) {
  const GridSpec spec = parse(
      "[defaults]\nseeds = [3, 4]\nhidden_dim = 32\n"
      "[dataset.hopper-medium-v2]\n"
      "[dataset.antmaze-umaze-v2]\nseeds = \"0-2\"\nhidden_dim = 64\neval_episodes = 5\n");
  const GridDataset& hopper = find(spec, "hopper-medium-v2");
  EXPECT_EQ(hopper.preset, "locomotion");
  EXPECT_EQ(hopper.eval_interval, 5000);
  EXPECT_EQ(hopper.eval_episodes, 10);
  EXPECT_EQ(hopper.seeds, (std::vector<uint64_t>{3, 4}));
  EXPECT_EQ(hopper.hyperparameters.at("hidden_dim"), "32");
  const GridDataset& ant = find(spec, "antmaze-umaze-v2");
  EXPECT_EQ(ant.preset, "antmaze");
  EXPECT_EQ(ant.eval_interval, 100000);
  EXPECT_EQ(ant.eval_episodes, 5);
  EXPECT_EQ(ant.seeds, (std::vector<uint64_t>{0, 1, 2}));
  EXPECT_EQ(ant.hyperparameters.at("hidden_dim"), "64");  // the dataset's own key wins
}

TEST(GridSpec, TheFinetuneGridFineTunesTheSixRegeneratedAntMazeSets) {
  const GridSpec spec = read_grid_spec(IQL_SOURCE_DIR "/configs/grids/finetune.toml");
  ASSERT_EQ(spec.datasets.size(), 6u);
  for (const GridDataset& d : spec.datasets) {
    EXPECT_EQ(d.preset, "antmaze") << d.name;
    EXPECT_NE(d.name.find("-regen"), std::string::npos) << d.name;
    EXPECT_EQ(d.online_steps, 1000000) << d.name;
    EXPECT_EQ(d.eval_interval, 100000) << d.name;
    EXPECT_EQ(d.eval_episodes, 100) << d.name;
    EXPECT_EQ(d.seeds, (std::vector<uint64_t>{0, 1, 2})) << d.name;
  }
}

TEST(GridSpec, OnlineStepsAreAntMazesOnly) {
  const std::string message = error_of("[dataset.hopper-medium-v2]\nonline_steps = 1000\n");
  EXPECT_NE(message.find("online_steps: fine-tuning is AntMaze's only"), std::string::npos) << message;
  EXPECT_NE(message.find("remove online_steps"), std::string::npos) << message;
}

TEST(GridSpec, WithoutSeedsRunsFiveSeeds) {
  EXPECT_EQ(parse("[dataset.hopper-medium-v2]\npreset = \"locomotion\"\n").datasets.at(0).seeds,
            (std::vector<uint64_t>{0, 1, 2, 3, 4}));
}

TEST(GridSpec, UnknownKeyNamesTheFileSectionAndKey) {
  const std::string message = error_of("[dataset.hopper-medium-v2]\neval_every = 5\n");
  EXPECT_NE(message.find(kGridPath), std::string::npos) << message;
  EXPECT_NE(message.find("[dataset.hopper-medium-v2]"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown key 'eval_every'"), std::string::npos) << message;
}

TEST(GridSpec, UnknownKeyInDefaultsNamesTheSection) {
  const std::string message = error_of("[defaults]\nseed = 1\n[dataset.hopper-medium-v2]\n");
  EXPECT_NE(message.find(kGridPath + ": [defaults] unknown key 'seed'"), std::string::npos) << message;
}

TEST(GridSpec, UnknownDatasetNamesTheFileAndTheName) {
  const std::string message = error_of("[dataset.hopper-medum-v2]\npreset = \"locomotion\"\n");
  EXPECT_NE(message.find(kGridPath + ": [dataset.hopper-medum-v2]"), std::string::npos) << message;
  EXPECT_NE(message.find("hopper-medium-v2"), std::string::npos) << "suggests the close name: " << message;
}

TEST(GridSpec, UnknownSectionIsAnError) {
  const std::string message = error_of("[datasets.hopper-medium-v2]\npreset = \"locomotion\"\n");
  EXPECT_NE(message.find("unknown section [datasets.hopper-medium-v2]"), std::string::npos) << message;
}

TEST(GridSpec, KeyOutsideASectionIsAnError) {
  const std::string message = error_of("seeds = [0]\n[dataset.hopper-medium-v2]\n");
  EXPECT_NE(message.find("key 'seeds' is outside a section"), std::string::npos) << message;
}

TEST(GridSpec, PresetMustBeTheDatasetsSuite) {
  const std::string message = error_of("[dataset.hopper-medium-v2]\npreset = \"antmaze\"\n");
  EXPECT_NE(message.find("preset = 'antmaze' does not fit hopper-medium-v2"), std::string::npos) << message;
}

TEST(GridSpec, BadValuesNameTheKey) {
  EXPECT_NE(error_of("[dataset.hopper-medium-v2]\neval_interval = 0\n").find("eval_interval = '0'"), std::string::npos);
  EXPECT_NE(error_of("[dataset.hopper-medium-v2]\nseeds = [1, x]\n").find("seeds"), std::string::npos);
  EXPECT_NE(error_of("[dataset.hopper-medium-v2]\nseeds = [1, 1]\n").find("listed twice"), std::string::npos);
}

// issue 19, defect 10: 4294967297 evaluation episodes became 1 by a narrowing cast
TEST(GridSpec, EvalEpisodesBeyondAnIntIsRefused) {
  const std::string error = error_of("[dataset.hopper-medium-v2]\neval_episodes = 4294967297\n");
  EXPECT_NE(error.find("eval_episodes = '4294967297' is not an integer from 1 to 2147483647"), std::string::npos)
      << error;
}

TEST(GridSpec, BadHyperparameterValueNamesTheKey) {
  std::istringstream in("[dataset.hopper-medium-v2]\nhidden_dim = wide\n");
  try {
    parse_grid_spec(in, kGridPath);
    FAIL() << "no error";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("'hidden_dim' = 'wide'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(kGridPath), std::string::npos) << e.what();
  }
}

TEST(GridSpec, DatasetSectionTwiceIsAnError) {
  const std::string message = error_of(
      "[dataset.hopper-medium-v2]\nseeds = [0]\n[dataset.walker2d-medium-v2]\nseeds = [0]\n"
      "[dataset.hopper-medium-v2]\nseeds = [1]\n");
  EXPECT_NE(message.find("[dataset.hopper-medium-v2] appears twice"), std::string::npos) << message;
}

TEST(GridSpec, NoDatasetIsAnError) {
  EXPECT_NE(error_of("[defaults]\nseeds = [0]\n").find("no [dataset.NAME] section"), std::string::npos);
}

TEST(GridSpec, ConfigPathIsRelativeToTheGridFile) {
  testing::TempDir dir;
  testing::write_bytes(dir.file("tiny.toml"), "hidden_dim = 32\n");
  std::filesystem::create_directories(dir.file("grids"));
  testing::write_bytes(dir.file("grids/g.toml"), "[defaults]\nconfig = \"../tiny.toml\"\n[dataset.hopper-medium-v2]\n");
  EXPECT_EQ(read_grid_spec(dir.file("grids/g.toml")).datasets.at(0).config, dir.file("tiny.toml"));
  testing::write_bytes(dir.file("grids/bad.toml"), "[defaults]\nconfig = \"nope.toml\"\n[dataset.hopper-medium-v2]\n");
  EXPECT_THROW(read_grid_spec(dir.file("grids/bad.toml")), GridError);
}

TEST(GridFilter, OnlyWithoutStarMatchesASubstring) {
  const GridSpec spec = filter_grid(read_grid_spec(kPaperGrid), GridFilter{"hopper", {}, {}});
  ASSERT_EQ(spec.datasets.size(), 3u);
  for (const GridDataset& d : spec.datasets) EXPECT_EQ(d.name.rfind("hopper-", 0), 0u) << d.name;
}

TEST(GridFilter, OnlyWithStarIsAGlobOverTheWholeName) {
  const GridSpec paper = read_grid_spec(kPaperGrid);
  EXPECT_EQ(filter_grid(paper, GridFilter{"*-medium-v2", {}, {}}).datasets.size(), 3u);
  EXPECT_EQ(filter_grid(paper, GridFilter{"antmaze-*-diverse-v2", {}, {}}).datasets.size(), 3u);
  EXPECT_EQ(filter_grid(paper, GridFilter{"hopper-medium-v2,antmaze-umaze-*", {}, {}}).datasets.size(), 3u);
  EXPECT_TRUE(matches_only("hopper-medium-v2", "h*r-*-v2"));
  EXPECT_FALSE(matches_only("hopper-medium-v2", "medium*"));  // a glob is anchored at both ends
}

TEST(GridFilter, OnlyMatchingNothingIsAnError) {
  try {
    filter_grid(read_grid_spec(kPaperGrid), GridFilter{"hoper", {}, {}});
    FAIL() << "no error";
  } catch (const GridError& e) {
    EXPECT_NE(std::string(e.what()).find("--only 'hoper' matches no dataset"), std::string::npos) << e.what();
  }
}

TEST(GridFilter, SeedsReplaceTheFilesSeeds) {
  const GridSpec spec = filter_grid(read_grid_spec(kPaperGrid), GridFilter{"", {7, 9}, {}});
  ASSERT_EQ(spec.datasets.size(), 15u);
  for (const GridDataset& d : spec.datasets) EXPECT_EQ(d.seeds, (std::vector<uint64_t>{7, 9})) << d.name;
}

// BC is the same grid with temperature = 0: `iql grid --set temperature=0`
TEST(GridFilter, SetGivesEveryDatasetAHyperparameterOverTheFiles) {
  const GridSpec spec = filter_grid(read_grid_spec(kPaperGrid), GridFilter{"", {}, {"temperature=0", "hidden_dim=32"}});
  for (const GridDataset& d : spec.datasets) {
    EXPECT_EQ(d.hyperparameters.at("temperature"), "0") << d.name;  // antmaze's file value 10 too
    EXPECT_EQ(d.hyperparameters.at("hidden_dim"), "32") << d.name;
  }
  auto error_of_set = [](const std::string& item) {
    try {
      filter_grid(read_grid_spec(kPaperGrid), GridFilter{"", {}, {item}});
    } catch (const autodiff::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error_of_set("temperature").find("--set temperature: expected KEY=VALUE"), std::string::npos);
  EXPECT_NE(error_of_set("temprature=0").find("'temprature' is not an IQL hyperparameter"), std::string::npos);
  EXPECT_NE(error_of_set("hidden_dim=abc").find("--set hidden_dim=abc: 'hidden_dim' = 'abc'"), std::string::npos);
}

TEST(SeedList, ReadsListsAndRanges) {
  EXPECT_EQ(parse_seed_list("0-4"), (std::vector<uint64_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(parse_seed_list("3, 1,7-8"), (std::vector<uint64_t>{3, 1, 7, 8}));
}

TEST(SeedList, RejectsGarbageRepeatsAndEmptyRanges) {
  EXPECT_THROW(parse_seed_list(""), GridError);
  EXPECT_THROW(parse_seed_list("a"), GridError);
  EXPECT_THROW(parse_seed_list("-1"), GridError);
  EXPECT_THROW(parse_seed_list("1,1"), GridError);
  EXPECT_THROW(parse_seed_list("4-2"), GridError);
}

}  // namespace
}  // namespace harness
