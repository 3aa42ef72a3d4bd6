// Shared fixtures for the traject tests: temporary directories, a programme catalogue built in
// code (no plugins needed), and shortcuts for dates.
#ifndef TRAJECT_TESTS_TESTUTIL_H_
#define TRAJECT_TESTS_TESTUTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "traject/catalogue.h"
#include "traject/date.h"
#include "traject/store.h"

namespace traject::test {

inline Date D(const char* iso) {
  Result<Date> date = ParseDate(iso);
  EXPECT_TRUE(date.ok()) << iso;
  return date.ok() ? *date : Date{};
}

// A fresh directory under the system temp dir, removed when the object goes.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("traject-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// One programme "test-plan" with track "zorg": intake (enters intake) -> start-leren (enters
// in-leerwerk, deadline 30 days after intake) -> vog (required for placement) -> diploma.
inline ProgrammeDefinition TestProgramme() {
  ProgrammeDefinition p;
  p.id = "test-plan";
  p.name = "Test banenplan";
  p.kind = ProgrammeKind::kArea;
  p.area = "Zuidoost";
  TrackDefinition track;
  track.id = "zorg";
  track.name = "Zorg leerwerk";
  track.sector = "zorg";
  track.duration_months = 12;
  MilestoneDefinition intake{"intake", "Intakegesprek",          {},   Deadline{"", 30},
                             {},       TrajectoryState::kIntake, false};
  MilestoneDefinition start{"start-leren",
                            "Start leren",
                            {"intake"},
                            Deadline{"intake", 30},
                            {},
                            TrajectoryState::kInLeerwerk,
                            false};
  MilestoneDefinition vog{"vog",   "VOG ontvangen", {"intake"}, std::nullopt,
                          {"VOG"}, std::nullopt,    true};
  MilestoneDefinition diploma{"diploma",    "Diploma", {"start-leren"}, std::nullopt, {"diploma"},
                              std::nullopt, false};
  track.milestones = {intake, start, vog, diploma};
  p.tracks.push_back(track);
  return p;
}

inline const ProgrammeCatalogue& TestCatalogue() {
  static const ProgrammeCatalogue catalogue = [] {
    ProgrammeCatalogue c;
    Status s = c.Add(TestProgramme(), "tests");
    EXPECT_TRUE(s.ok()) << s.ToString();
    return c;
  }();
  return catalogue;
}

// The fixed clock of test stores: 2026-06-01 12:00 UTC, so "today" is 2026-06-01 in any zone
// within 12 hours of UTC.
inline constexpr std::int64_t kTestClockMs = 1780315200000;

// Opens (creating) a store with organisation "test-org", the test catalogue and a fixed clock.
inline std::unique_ptr<Store> OpenTestStore(const std::string& path, int schema_version = 0) {
  StoreOptions options;
  options.catalogue = &TestCatalogue();
  options.actor = "tester";
  options.clock_ms = [] { return kTestClockMs; };
  options.schema_version = schema_version;
  Result<std::unique_ptr<Store>> store = Store::Open(path, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return nullptr;
  if ((*store)->organisation().empty()) {
    Status s = (*store)->CreateOrganisation("test-org", "Test", D("2019-01-01"));
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  return std::move(store).value();
}

// Every projection and every event of the store's organisation as text: equal text, equal
// database (for "a failed command changes nothing").
inline std::string Everything(Store& store) {
  Result<std::string> dump = store.DumpProjections();
  EXPECT_TRUE(dump.ok()) << dump.status().ToString();
  std::string log;
  Status visited = store.ForEachEvent([&](const Event& e) {
    log += std::to_string(e.seq) + " " + std::string(KindOf(e.payload)) + " " +
           EncodePayload(e.payload) + "\n";
    return Status::OK();
  });
  EXPECT_TRUE(visited.ok()) << visited.ToString();
  return (dump.ok() ? *dump : std::string()) + log;
}

inline Status StatusOf(const Status& s) { return s; }
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.status();
}

#define ASSERT_OK(expr)                                                        \
  do {                                                                         \
    const ::traject::Status traject_status_ = ::traject::test::StatusOf(expr); \
    ASSERT_TRUE(traject_status_.ok()) << traject_status_.ToString();           \
  } while (0)
#define EXPECT_OK(expr)                                                        \
  do {                                                                         \
    const ::traject::Status traject_status_ = ::traject::test::StatusOf(expr); \
    EXPECT_TRUE(traject_status_.ok()) << traject_status_.ToString();           \
  } while (0)

}  // namespace traject::test

#endif  // TRAJECT_TESTS_TESTUTIL_H_
