// Shared fixtures for the traject tests: temporary directories, a programme catalogue built in
// code (no plugins needed), and shortcuts for dates.
#ifndef TRAJECT_TESTS_TESTUTIL_H_
#define TRAJECT_TESTS_TESTUTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "test_database.h"
#include "traject/catalogue.h"
#include "traject/date.h"
#include "traject/store.h"

namespace traject::test {

inline Date D(const char* iso) {
  Result<Date> date = ParseDate(iso);
  EXPECT_TRUE(date.ok()) << iso;
  return date.ok() ? *date : Date{};
}

// A fresh directory under the system temp dir, and the test's databases; all removed when the
// object goes.
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
    for (const std::string& name : databases_) DropPostgresDatabase(name);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  // The location of a new, empty database for this test: a SQLite file in this directory, or a
  // database of its own on the PostgreSQL test server (see test_database.h).
  std::string Database(const std::string& name) {
    if (!UsePostgres()) return File(name + ".db");
    databases_.push_back(CreatePostgresDatabase(name));
    return PostgresDatabaseUrl(databases_.back());
  }

 private:
  std::filesystem::path path_;
  std::vector<std::string> databases_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline std::string Snapshot(const std::string& location) {
  if (!location.starts_with("postgresql://")) return ReadFile(location);
  std::ostringstream out;
  auto sql = OpenSql(location);
  std::vector<std::string> tables;
  {
    std::string table;
    soci::statement st = (sql->prepare << "SELECT table_name FROM information_schema.tables WHERE "
                                          "table_schema = current_schema() ORDER BY table_name",
                          soci::into(table));
    st.execute();
    while (st.fetch()) tables.push_back(table);
  }
  for (const std::string& table : tables) {
    out << "[" << table << "]\n";
    // Rows sorted whole, in the client: a table's first column is often the organisation,
    // the same on every row, and PostgreSQL returns ties in any order it likes.
    std::vector<std::string> lines;
    soci::rowset<soci::row> rows = (sql->prepare << "SELECT * FROM " << table);
    for (const soci::row& row : rows) {
      std::ostringstream line;
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) line << '|';
        if (row.get_indicator(i) == soci::i_null) {
          line << "NULL";
        } else if (row.get_properties(i).get_data_type() == soci::dt_string) {
          line << row.get<std::string>(i);
        } else if (row.get_properties(i).get_data_type() == soci::dt_long_long) {
          line << row.get<long long>(i);
        } else if (row.get_properties(i).get_data_type() == soci::dt_integer) {
          line << row.get<int>(i);
        } else {
          line << "?";
        }
      }
      lines.push_back(line.str());
    }
    std::sort(lines.begin(), lines.end());
    for (const std::string& line : lines) out << line << '\n';
  }
  return out.str();
}

// One programme "test-plan" with track "zorg": intake (enters intake) -> start-leren (enters
// in-leerwerk, deadline 30 days after intake) -> vog (required for placement) -> diploma (a
// credential).
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
  MilestoneDefinition diploma{
      "diploma",   "Diploma",    {"start-leren"}, std::nullopt,
      {"diploma"}, std::nullopt, false,           MilestoneOutcome::kCredential};
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

// Everything the store's queries say about its organisation, as text: participants with their
// contacts, caseworkers and corrections, trajectories with milestones, history and corrections,
// placements with assessments. Two stores that tell the same story give the same text, whatever
// the sequence numbers of their events (an import reads participants before events).
inline std::string Story(Store& store) {
  std::ostringstream out;
  auto date = [](const std::optional<Date>& d) { return d ? FormatDate(*d) : std::string("-"); };
  auto corrections = [&](const std::vector<Correction>& all) {
    for (const Correction& c : all) {
      out << "  correction " << c.kind << " " << FormatDate(c.date) << " [" << c.what << "] ["
          << c.reason << "] " << c.actor << " " << c.recorded_at_ms << " " << c.placement_id
          << "\n";
    }
  };
  Result<std::vector<Participant>> participants = store.ListParticipants();
  EXPECT_TRUE(participants.ok()) << participants.status().ToString();
  for (const Participant& listed : participants.ok() ? *participants : std::vector<Participant>{}) {
    Result<Participant> p = store.GetParticipant(listed.ref);
    EXPECT_TRUE(p.ok());
    if (!p.ok()) continue;
    out << "participant " << p->ref << " " << date(p->birth) << " [" << p->area << "] ["
        << p->cohort << "] " << p->groups.size() << " " << FormatDate(p->registered) << " "
        << p->bsn_verified << " [" << p->klantmanager << "] [" << p->jobhunter << "]\n";
    for (const CohortContact& c : p->contacts) {
      out << "  contact " << FormatDate(c.date) << " " << ToString(c.kind) << "\n";
    }
    for (const CaseworkerAssignment& a : p->assignments) {
      out << "  caseworker " << ToString(a.role) << " [" << a.name << "] " << FormatDate(a.from)
          << " " << date(a.until) << " [" << a.end_reason << "]\n";
    }
    corrections(p->corrections);
  }
  Result<std::vector<Trajectory>> trajectories = store.ListTrajectories();
  EXPECT_TRUE(trajectories.ok());
  for (const Trajectory& listed : trajectories.ok() ? *trajectories : std::vector<Trajectory>{}) {
    Result<Trajectory> t = store.GetTrajectory(listed.id);
    EXPECT_TRUE(t.ok());
    if (!t.ok()) continue;
    out << "trajectory " << t->id << " " << t->participant_ref << " " << t->programme_id << "/"
        << t->track_id << " " << ToString(t->state) << " " << FormatDate(t->started) << " "
        << FormatDate(t->state_since) << " "
        << (t->exit_reason ? std::string(ToString(*t->exit_reason)) : "-") << "\n";
    for (const MilestoneRecord& m : t->milestones) {
      out << "  milestone " << m.milestone_id << " " << FormatDate(m.reached) << " [" << m.evidence
          << "]\n";
    }
    for (const StateChange& c : t->history) {
      out << "  change " << ToString(c.from) << "->" << ToString(c.to) << " " << FormatDate(c.date)
          << " [" << c.reason << "] " << c.caused_by_milestone << " " << c.caused_by_placement
          << "\n";
    }
    corrections(t->corrections);
    Result<std::vector<Placement>> placements = store.PlacementsOf(t->id);
    EXPECT_TRUE(placements.ok());
    for (const Placement& p : placements.ok() ? *placements : std::vector<Placement>{}) {
      out << "  placement " << p.id << " [" << p.employer << "] " << p.hours_per_week << " "
          << p.gross_monthly_wage << " " << FormatDate(p.start) << " " << date(p.end) << " ["
          << p.end_reason << "]\n";
      for (const LoonwaardeAssessment& a : p.assessments) {
        out << "    loonwaarde " << FormatDate(a.date) << " " << a.percent << "\n";
      }
    }
  }
  return out.str();
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
