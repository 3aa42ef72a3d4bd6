// Crash safety (issue #11, item 6; docs/security.md): `traject import` of a large CSV export is
// killed with SIGKILL at random moments, many times, and after each kill the database opens,
// passes its integrity check, verifies its audit chain and holds all of the import or none of
// it. On SQLite and, with the postgres label, on PostgreSQL.
//
// The import's stderr is a pseudo-terminal, so the CLI shows its progress line ("checking
// FILE", then "importing FILE") and the test knows which phase each kill hit. Some kills wait
// for "importing" (the write transaction is open and has recorded rows: certainly mid-import);
// the others come after a random delay between the start and a little past the time an
// uninterrupted import takes, so that startup, the checking pass, the recording pass, the
// commit and the finished import are all hit over the runs.
//
// The delays are seeded: the seed is printed, and TRAJECT_CRASH_SEED=N replays a run.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <thread>

#include "cli/cli_runner.h"

namespace traject {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kKills = 10;           // per backend
constexpr int kCertainKills = 3;     // of which wait for the recording pass
constexpr int kParticipants = 2000;  // of the demo data set imported (about 46,000 rows)

// What the database holds of the organisation.
struct Counts {
  std::int64_t events = -1, participants = -1, trajectories = -1;
  bool operator==(const Counts&) const = default;
};
std::ostream& operator<<(std::ostream& out, const Counts& c) {
  return out << c.events << " events, " << c.participants << " participants, " << c.trajectories
             << " trajectories";
}

// A `traject import` running with its stderr on a pseudo-terminal.
class Import {
 public:
  Import(const std::string& db, const std::string& directory) {
    master_ = posix_openpt(O_RDWR | O_NOCTTY);
    EXPECT_GE(master_, 0);
    EXPECT_EQ(grantpt(master_), 0);
    EXPECT_EQ(unlockpt(master_), 0);
    const std::string terminal = ptsname(master_);
    std::vector<std::string> args = {TRAJECT_CLI_PATH, "--db",   db,       "--actor",
                                     "crash",          "import", directory};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    started_ = Clock::now();
    pid_ = fork();
    if (pid_ == 0) {
      const int err = open(terminal.c_str(), O_RDWR | O_NOCTTY);
      const int null = open("/dev/null", O_RDWR);
      dup2(null, STDIN_FILENO);
      dup2(null, STDOUT_FILENO);
      dup2(err, STDERR_FILENO);
      close(master_);
      execv(argv[0], argv.data());
      _exit(127);
    }
    fcntl(master_, F_SETFL, fcntl(master_, F_GETFL) | O_NONBLOCK);
  }
  ~Import() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) close(master_);
  }

  // Reads the terminal until `until`, or until it shows `text` (when not empty): true then.
  bool Watch(Clock::time_point until, const std::string& text = "") {
    for (;;) {
      if (!text.empty() && shown_.find(text) != std::string::npos) return true;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
      if (left.count() <= 0) return false;
      pollfd fd{master_, POLLIN, 0};
      char buffer[4096];
      ssize_t n = 0;
      if (poll(&fd, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 20))) > 0 &&
          (n = read(master_, buffer, sizeof buffer)) > 0) {
        shown_.append(buffer, static_cast<std::size_t>(n));
      } else if (fd.revents & (POLLHUP | POLLERR)) {
        // The process ended (the terminal has no writer left): wait out the time.
        std::this_thread::sleep_for(
            std::min<Clock::duration>(until - Clock::now(), std::chrono::milliseconds(5)));
      }
    }
  }

  // The phase the progress line was last in: "starting", "checking" or "importing".
  std::string Phase() const {
    const auto checking = shown_.rfind("checking "), importing = shown_.rfind("importing ");
    if (importing != std::string::npos) return "importing";
    if (checking != std::string::npos) return "checking";
    return "starting";
  }

  // SIGKILL, and how the process ended: "killed", or "exit N" when it had ended by itself.
  std::string Kill() {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    reaped_ = true;
    if (WIFSIGNALED(status)) return WTERMSIG(status) == SIGKILL ? "killed" : "signal";
    return "exit " + std::to_string(WEXITSTATUS(status));
  }

  // Waits for the end; the exit code.
  int Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  double Seconds() const { return std::chrono::duration<double>(Clock::now() - started_).count(); }
  const std::string& shown() const { return shown_; }

 private:
  pid_t pid_ = -1;
  int master_ = -1;
  bool reaped_ = false;
  std::string shown_;
  Clock::time_point started_;
};

class CrashE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The data: the demo's synthetic set, exported to CSV (always from a SQLite file).
    const std::string source = dir_.File("source.db");
    test::CliResult demo =
        test::RunCli({"--db", source, "--as-of", "2025-12-31", "demo", "--participants",
                      std::to_string(kParticipants), "--seed", "11"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    test::CliResult exported = test::RunCli({"--db", source, "export", "--csv", csv_});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
  }

  // A new database of organisation amsterdam holding a little data of its own, that the import
  // must leave as it is.
  std::string NewTarget() {
    const std::string db = dir_.Database("target" + std::to_string(targets_++));
    EXPECT_EQ(test::RunCli({"--db", db, "init", "--org", "amsterdam"}).exit_code, 0);
    for (int i = 1; i <= 3; ++i) {
      EXPECT_EQ(
          test::RunCli({"--db", db, "participant", "add", "--ref", fmt::format("Vooraf-{}", i),
                        "--birth", "1970-01-01", "--registered", "2020-01-01"})
              .exit_code,
          0);
    }
    return db;
  }

  // Opens the database with the library (recovering whatever the kill left), checks it, and
  // counts what the organisation holds.
  Counts Check(const std::string& db) {
    Counts counts;
    if (!db.starts_with("postgresql://")) {
      auto sql = test::OpenSql(db);
      std::string integrity;
      *sql << "PRAGMA integrity_check", soci::into(integrity);
      EXPECT_EQ(integrity, "ok");
      long long violations = 0;
      *sql << "SELECT COUNT(*) FROM pragma_foreign_key_check", soci::into(violations);
      EXPECT_EQ(violations, 0) << "foreign keys broken";
    }
    StoreOptions options;
    options.organisation = "amsterdam";
    options.create_if_missing = false;
    Result<std::unique_ptr<Store>> store = Store::Open(db, options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return counts;
    Result<std::int64_t> events_counted = (*store)->EventCount();
    counts.events = events_counted.ok() ? *events_counted : -1;
    Result<std::vector<Participant>> participants = (*store)->ListParticipants();
    counts.participants = participants.ok() ? static_cast<std::int64_t>(participants->size()) : -1;
    Result<std::vector<Trajectory>> trajectories = (*store)->ListTrajectories();
    counts.trajectories = trajectories.ok() ? static_cast<std::int64_t>(trajectories->size()) : -1;
    // The projections agree with the log: the counts straight from the tables.
    auto sql = test::OpenSql(db);
    long long events = 0, rows = 0;
    *sql << "SELECT COUNT(*) FROM events WHERE org = 'amsterdam'", soci::into(events);
    *sql << "SELECT COUNT(*) FROM participants WHERE org = 'amsterdam'", soci::into(rows);
    EXPECT_EQ(events, counts.events);
    EXPECT_EQ(rows, counts.participants);
    test::CliResult verified = test::RunCli({"--db", db, "audit", "verify"});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    return counts;
  }

  test::TempDir dir_;
  std::string csv_ = dir_.File("csv");
  int targets_ = 0;
};

TEST_F(CrashE2eTest, AnImportKilledAtAnyMomentLeavesAllOrNothing) {
  std::uint32_t seed = std::random_device{}();
  if (const char* replay = std::getenv("TRAJECT_CRASH_SEED")) seed = std::stoul(replay);
  std::cout << "CrashE2eTest seed " << seed << " (replay: TRAJECT_CRASH_SEED=" << seed << ")"
            << std::endl;
  RecordProperty("seed", std::to_string(seed));
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);

  // An uninterrupted import: what "all" is, and how long it takes.
  std::string db = NewTarget();
  const Counts none = Check(db);
  ASSERT_EQ(none.participants, 3);
  Import whole(db, csv_);
  ASSERT_EQ(whole.Wait(), 0) << whole.shown();
  const double seconds = whole.Seconds();
  const Counts all = Check(db);
  ASSERT_GT(all.events, none.events + 10000) << "the import must be large";
  std::cout << "uninterrupted import: " << seconds << " s, " << none << " -> " << all << std::endl;

  std::map<std::string, int> phases;  // where the kills landed
  db = NewTarget();
  for (int i = 0; i < kKills; ++i) {
    const bool certain = i < kCertainKills;
    Import import(db, csv_);
    std::string phase;
    if (certain) {
      // Until the recording pass shows, then a little more: its write transaction is open.
      ASSERT_TRUE(import.Watch(Clock::now() + std::chrono::seconds(60), "importing "))
          << "no progress shown:\n"
          << import.shown();
      std::uniform_real_distribution<double> extra(0, seconds * 0.2);
      import.Watch(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(extra(random))));
      phase = "importing";
    } else {
      // Every other kill early, where startup and the checking pass are.
      std::uniform_real_distribution<double> delay(0, seconds * (i % 2 ? 1.15 : 0.3));
      import.Watch(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(delay(random))));
      phase = import.Phase();
    }
    const double at = import.Seconds();
    const std::string end = import.Kill();
    if (end != "killed") phase = "finished";
    ++phases[phase];
    SCOPED_TRACE(fmt::format("kill {} at {:.2f} s ({}): {}", i, at, phase, end));
    EXPECT_TRUE(end == "killed" || end == "exit 0") << end;
    const Counts now = Check(db);
    EXPECT_TRUE(now == none || now == all)
        << "after the kill: " << now << "; before: " << none << "; after a whole import: " << all;
    if (certain) {
      EXPECT_EQ(now, none) << "killed mid-import, yet the import stayed";
    }
    if (end == "exit 0") {
      EXPECT_EQ(now, all);
    }
    std::cout << fmt::format("kill {}: at {:.2f} s, {}, {}: {}", i, at, phase, end,
                             now == all    ? "all"
                             : now == none ? "none"
                                           : "PARTIAL")
              << std::endl;
    if (now == all) db = NewTarget();  // the next kill needs an import still to do
  }
  for (const auto& [phase, count] : phases) std::cout << phase << ": " << count << std::endl;
  EXPECT_GE(phases["importing"], kCertainKills);

  // After all that, the database takes the import whole.
  Import last(db, csv_);
  ASSERT_EQ(last.Wait(), 0) << last.shown();
  EXPECT_EQ(Check(db), all);
}

}  // namespace
}  // namespace traject
