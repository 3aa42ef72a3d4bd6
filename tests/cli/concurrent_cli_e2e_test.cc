// Several coordinators at once: traject processes writing one database all succeed; one held up
// past --busy-timeout exits with code 8 (busy: try again) and changes nothing.
#include <gtest/gtest.h>

#include <cstdio>

#include "cli/cli_runner.h"
#include "traject/store.h"

namespace traject {
namespace {

using test::RunCli;
using test::ShellQuote;

TEST(ConcurrentCliE2eTest, CoordinatorsWritingAtOnceAllSucceed) {
  test::TempDir dir;
  const std::string db = dir.Database("shared");
  ASSERT_EQ(RunCli({"--db", db, "init", "--org", "amsterdam"}).exit_code, 0);
  // Four shell loops of traject processes at once, each registering 15 participants.
  std::string script;
  for (int c = 0; c < 4; ++c) {
    script += "(for i in $(seq 1 15); do " + ShellQuote(TRAJECT_CLI_PATH) + " --db " +
              ShellQuote(db) + " participant add --ref C" + std::to_string(c) +
              "-$i --registered 2024-01-02 >/dev/null || echo FAILED; done) & ";
  }
  script += "wait";
  FILE* pipe = popen(script.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  ASSERT_EQ(pclose(pipe), 0);
  EXPECT_EQ(output.find("FAILED"), std::string::npos) << output;
  test::CliResult list = RunCli({"--db", db, "--csv", "participant", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 1 + 4 * 15) << list.out;
}

TEST(ConcurrentCliE2eTest, PastTheBusyTimeoutTheExitCodeIsEight) {
  test::TempDir dir;
  const std::string db = dir.Database("held");
  ASSERT_EQ(RunCli({"--db", db, "init", "--org", "amsterdam"}).exit_code, 0);
  StoreOptions options;
  options.organisation = "amsterdam";
  Result<std::unique_ptr<Store>> holder = Store::Open(db, options);
  ASSERT_TRUE(holder.ok()) << holder.status().ToString();
  Result<std::unique_ptr<WriteBatch>> held = (*holder)->BeginBatch();  // the write lock
  ASSERT_TRUE(held.ok()) << held.status().ToString();

  test::CliResult r = RunCli({"--db", db, "--busy-timeout", "300", "participant", "add", "--ref",
                              "P-1", "--registered", "2024-01-02"});
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_NE(r.err.find("busy"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("try again"), std::string::npos) << r.err;
  held->reset();  // rolls back: the lock is free
  r = RunCli({"--db", db, "participant", "add", "--ref", "P-1", "--registered", "2024-01-02"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace traject
