// Tests for iql/config.cpp.
#include <gtest/gtest.h>

#include "iql/config.h"

namespace iql {
namespace {

void expect_rejected(const IqlConfig& config, const std::string& key) {
  try {
    validate(config);
    FAIL() << "no ConfigError for " << key;
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("'" + key + "'"), std::string::npos) << e.what();
  }
}

TEST(IqlConfig, DefaultsAreTheOfficialLocomotionSettingsAndValid) {
  const IqlConfig c;
  EXPECT_EQ(c.expectile, 0.7);
  EXPECT_EQ(c.temperature, 3.0);
  EXPECT_EQ(c.actor_lr, 3e-4);
  EXPECT_EQ(c.hidden_dim, 256);
  EXPECT_NO_THROW(validate(c));
}

TEST(IqlConfig, AntmazePresetChangesExpectileAndTemperature) {
  const IqlConfig c = antmaze_config();
  EXPECT_EQ(c.expectile, 0.9);
  EXPECT_EQ(c.temperature, 10.0);
}

TEST(IqlConfig, RejectsNegativeLearningRateNamingTheKey) {
  IqlConfig c;
  c.critic_lr = -1e-3;
  expect_rejected(c, "critic_lr");
}

TEST(IqlConfig, RejectsExpectileOutsideTheOpenUnitInterval) {
  IqlConfig c;
  c.expectile = 1.0;
  expect_rejected(c, "expectile");
  c.expectile = 0.0;
  expect_rejected(c, "expectile");
}

TEST(IqlConfig, RejectsDropoutOfOne) {
  IqlConfig c;
  c.actor_dropout = 1.0;
  expect_rejected(c, "actor_dropout");
}

}  // namespace
}  // namespace iql
