// Tests for harness/run/replay_stream.cpp: chunks on disk, truncation on resume, the digest.
#include <gtest/gtest.h>

#include <fstream>

#include "harness/run/replay_stream.h"
#include "test_support.h"

namespace harness {
namespace {

const ReplayStream::Shape kShape{3, 2, 2, 1};

void append_rows(ReplayStream& stream, int first, int end) {
  for (int i = first; i < end; ++i) stream.append(test::NumberedTransition(i).transition);
}

TEST(ReplayStream, RowsReadBackAsAppendedAcrossChunks) {
  const auto dir = test::test_dir();
  ReplayStream stream(dir.string(), kShape);
  append_rows(stream, 0, 5);
  stream.flush();
  append_rows(stream, 5, 12);
  EXPECT_EQ(stream.rows(), 12);
  EXPECT_EQ(stream.flushed_rows(), 5);
  stream.flush();
  const ReplayRows rows = ReplayStream(dir.string(), kShape).read(3, 9);  // reopened: the chunks are found
  ASSERT_EQ(rows.rows, 6u);
  for (size_t r = 0; r < rows.rows; ++r) {
    const Transition t = rows.row(r);
    const test::NumberedTransition expected(static_cast<int>(r) + 3);
    EXPECT_EQ(std::vector<float>(t.observation.begin(), t.observation.end()), expected.observation);
    EXPECT_EQ(std::vector<double>(t.qpos.begin(), t.qpos.end()), expected.qpos);
    EXPECT_EQ(t.terminal, expected.transition.terminal);
    EXPECT_EQ(t.timeout, expected.transition.timeout);
    EXPECT_EQ(t.action_log_prob, expected.transition.action_log_prob);
  }
}

TEST(ReplayStream, TheDigestDependsOnTheRowsNotOnWhereChunksEnd) {
  const auto one = test::test_dir() / "one", two = test::test_dir() / "two";
  ReplayStream a(one.string(), kShape), b(two.string(), kShape);
  append_rows(a, 0, 10);
  a.flush();
  for (int cut : {3, 4, 10}) {
    append_rows(b, static_cast<int>(b.rows()), cut);
    b.flush();
  }
  EXPECT_EQ(a.digest(), b.digest());
  append_rows(b, 10, 11);
  b.flush();
  EXPECT_NE(a.digest(), b.digest());
}

// a resume drops what was written after its checkpoint, then writes the same rows again
TEST(ReplayStream, TruncateRemovesChunksWrittenAfterTheCheckpoint) {
  const auto dir = test::test_dir();
  ReplayStream stream(dir.string(), kShape);
  append_rows(stream, 0, 4);
  stream.flush();
  append_rows(stream, 4, 8);
  stream.flush();
  stream.truncate(4);
  EXPECT_EQ(stream.rows(), 4);
  EXPECT_EQ(ReplayStream(dir.string(), kShape).rows(), 4);
  EXPECT_THROW(stream.truncate(6), autodiff::Error);  // rows it never had
  EXPECT_THROW(stream.truncate(2), autodiff::Error);  // inside a chunk: another run's stream
}

TEST(ReplayStream, AHoleOrAForeignFileIsAnErrorNamingTheFile) {
  const auto dir = test::test_dir();
  {
    ReplayStream stream(dir.string(), kShape);
    append_rows(stream, 0, 4);
    stream.flush();
    append_rows(stream, 4, 8);
    stream.flush();
  }
  std::filesystem::remove(dir / "rows-0000000000-0000000004.h5");
  try {
    ReplayStream stream(dir.string(), kShape);
    FAIL() << "a stream with a hole opened";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("hole"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "notes.txt") << "x";
  EXPECT_THROW(ReplayStream(dir.string(), kShape), autodiff::Error);
}

TEST(ReplayStream, AChunkCutWhileBeingWrittenIsIgnoredAndRemovedByItsRunOnly) {
  const auto dir = test::test_dir();
  const auto partial = dir / "rows-0000000000-0000000004.h5.writing";
  std::ofstream(partial) << "half";
  EXPECT_EQ(ReplayStream(dir.string(), kShape, ReplayStream::Access::read).rows(), 0);
  EXPECT_TRUE(std::filesystem::exists(partial));  // a reader leaves a running run's chunk alone
  EXPECT_EQ(ReplayStream(dir.string(), kShape).rows(), 0);
  EXPECT_FALSE(std::filesystem::exists(partial));
}

TEST(ReplayStream, ReadingWhereThereIsNoStreamIsAnErrorNamingTheFolder) {
  const auto missing = test::test_dir() / "nothing";
  EXPECT_THROW(ReplayStream(missing.string(), kShape, ReplayStream::Access::read), autodiff::Error);
  EXPECT_FALSE(std::filesystem::exists(missing));
}

}  // namespace
}  // namespace harness
