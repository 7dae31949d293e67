// Tests for harness/data/sha256.h, against the FIPS 180-2 example digests.
#include "harness/data/sha256.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/data/registry.h"
#include "test_support.h"

namespace harness {
namespace {

TEST(Sha256, MatchesStandardVectors) {
  EXPECT_EQ(sha256_bytes(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_bytes("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, FileReadInBlocksMatchesTheMillionAVector) {
  testing::TempDir dir;
  std::string path = dir.file("a.bin");
  testing::write_bytes(path, std::string(1000000, 'a'));  // spans a block boundary (1 MiB blocks)
  EXPECT_EQ(sha256_file(path), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, FileLargerThanOneBlockMatchesBytes) {
  testing::TempDir dir;
  std::string path = dir.file("b.bin");
  std::string content(3 * (1 << 20) + 7, '\0');
  for (size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 31 % 251);
  testing::write_bytes(path, content);
  EXPECT_EQ(sha256_file(path), sha256_bytes(content));
}

TEST(Sha256, MissingFileNamesIt) {
  EXPECT_THAT(testing::error_message([] { sha256_file("/nonexistent/dir/x.hdf5"); }),
              ::testing::HasSubstr("/nonexistent/dir/x.hdf5"));
}

}  // namespace
}  // namespace harness
