// Writers wait their turn: several Store objects, in threads and in processes, write one SQLite
// file at once and every write succeeds within the busy timeout; a writer held up past the
// timeout gets a retryable Busy status with nothing written; errors never quote SQL or values.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "testutil.h"
#include "traject/store.h"

namespace traject {
namespace {

using test::D;
using Clock = std::chrono::steady_clock;

constexpr int kTimeoutMs = 5000;

std::unique_ptr<Store> OpenWriter(const std::string& path, int timeout_ms = kTimeoutMs) {
  StoreOptions options;
  options.organisation = "test-org";
  options.catalogue = &test::TestCatalogue();
  options.clock_ms = [] { return test::kTestClockMs; };
  options.busy_timeout_ms = timeout_ms;
  Result<std::unique_ptr<Store>> store = Store::Open(path, options);
  return store.ok() ? std::move(store).value() : nullptr;
}

// Registers `count` participants "<prefix>-<i>", one transaction each, each reading first
// (the registration checks the reference is free) and then writing. Returns the failures and
// the longest single write in ms.
std::pair<int, long long> RegisterMany(Store& store, const std::string& prefix, int count) {
  int failures = 0;
  long long longest = 0;
  for (int i = 0; i < count; ++i) {
    const auto start = Clock::now();
    Result<Recorded> r = store.Record(ParticipantRegistered{
        prefix + "-" + std::to_string(i), std::nullopt, "Osdorp", "", {}, D("2024-01-02"), false});
    longest = std::max<long long>(
        longest,
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count());
    if (!r.ok()) ++failures;
  }
  return {failures, longest};
}

class ConcurrentWritersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = test::OpenTestStore(path_);
    ASSERT_NE(store, nullptr);
  }
  long long Participants() {
    auto store = OpenWriter(path_);
    return static_cast<long long>(store->ListParticipants()->size());
  }

  test::TempDir dir_;
  std::string path_ = dir_.Database("shared");
};

TEST_F(ConcurrentWritersTest, StoresInSeveralThreadsAllSucceedWithinTheTimeout) {
  constexpr int kThreads = 4, kEach = 150;
  std::atomic<int> failures{0};
  std::atomic<long long> longest{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto store = OpenWriter(path_);
      if (!store) {
        failures += kEach;
        return;
      }
      auto [failed, slowest] = RegisterMany(*store, "T" + std::to_string(t), kEach);
      failures += failed;
      long long seen = longest.load();
      while (slowest > seen && !longest.compare_exchange_weak(seen, slowest)) {
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LT(longest.load(), kTimeoutMs);
  EXPECT_EQ(Participants(), kThreads * kEach);
}

TEST_F(ConcurrentWritersTest, SeveralProcessesAllSucceedWithinTheTimeout) {
  constexpr int kProcesses = 4, kEach = 150;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      // Child: its own connection; the exit code says how it went (no gtest in here).
      auto store = OpenWriter(path_);
      if (!store) _exit(100);
      auto [failed, slowest] = RegisterMany(*store, "P" + std::to_string(p), kEach);
      _exit(failed > 0 ? std::min(failed, 99) : slowest >= kTimeoutMs ? 101 : 0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "a writer process failed (99: failures, 101: too slow)";
  }
  EXPECT_EQ(Participants(), kProcesses * kEach);
}

TEST_F(ConcurrentWritersTest, PastTheTimeoutAWriteIsBusyAndWritesNothing) {
  auto holder = OpenWriter(path_);
  ASSERT_NE(holder, nullptr);
  Result<std::unique_ptr<WriteBatch>> held = holder->BeginBatch();  // holds the write lock
  ASSERT_OK(held);
  ASSERT_OK((*held)->Record(
      ParticipantRegistered{"HELD", std::nullopt, "", "", {}, D("2024-01-02"), false}));

  constexpr int kShortMs = 300;
  auto waiter = OpenWriter(path_, kShortMs);
  ASSERT_NE(waiter, nullptr);
  const std::string before = test::Everything(*waiter);
  const auto start = Clock::now();
  Result<Recorded> r = waiter->Record(
      ParticipantRegistered{"WAITER", std::nullopt, "", "", {}, D("2024-01-02"), false});
  const auto waited =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kBusy) << r.status().ToString();
  EXPECT_TRUE(r.status().IsRetryable());
  EXPECT_GE(waited, kShortMs - 50);    // it waited...
  EXPECT_LT(waited, kShortMs + 2000);  // ...about the timeout, not forever
  EXPECT_EQ(test::Everything(*waiter), before);

  // Once the holder is done, the same write goes through.
  ASSERT_OK((*held)->Commit());
  EXPECT_OK(waiter->Record(
      ParticipantRegistered{"WAITER", std::nullopt, "", "", {}, D("2024-01-02"), false}));
}

TEST_F(ConcurrentWritersTest, DatabaseErrorsNeverQuoteSqlOrValues) {
  {
    auto sql = test::OpenSql(path_);
    if (test::UsePostgres()) {
      *sql << "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk says "
              "no'; END $$ LANGUAGE plpgsql";
      *sql << "CREATE TRIGGER refuse BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION "
              "refuse()";
    } else {
      *sql << "CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk "
              "says no'); END";
    }
  }
  auto store = OpenWriter(path_);
  ASSERT_NE(store, nullptr);
  Result<Recorded> r = store->Record(ParticipantRegistered{
      "P-SECRET-77", D("1984-07-13"), "Geheimstraat", "", {}, D("2024-01-02"), false});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kStorage);
  const std::string& message = r.status().message();
  EXPECT_NE(message.find("disk says no"), std::string::npos) << message;  // the reason stays
  for (const char* secret : {"INSERT", "SELECT", "events", "P-SECRET-77", "1984", "Geheimstraat",
                             "while executing", "with :"}) {
    EXPECT_EQ(message.find(secret), std::string::npos) << secret << " in: " << message;
  }
}

}  // namespace
}  // namespace traject
