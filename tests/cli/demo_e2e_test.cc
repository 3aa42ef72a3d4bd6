// The demo data set (cli/demo_generator.cc) against the story it must tell: every command is
// accepted by the library, also with a single programme; the same options give the same data;
// returns to bijstand near the Divosa references; wages at least the statutory minimum; ages
// from 18 to below the AOW age; registrations over the years; dozens of klantmanagers with the
// chosen caseload, reassignments and jobhunters; area plans recruiting mostly in their own
// areas; the COVID dip at Schiphol; and the material the reports need. Every figure is computed
// from the generated commands.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../../cli/demo_generator.h"
#include "cli/cli_runner.h"
#include "testutil.h"
#include "traject/parameters.h"
#include "traject/plugin_host.h"
#include "traject/store.h"

namespace traject {
namespace {

using std::chrono::sys_days;
using test::D;

bool Before(Date a, Date b) { return sys_days(a) < sys_days(b); }
Date Plus(Date d, int days) { return Date(sys_days(d) + std::chrono::days(days)); }

// The AOW (state pension) age in months in force in `year`.
int AowAgeMonths(int year) {
  if (year < 2013) return 65 * 12;
  static const std::map<int, int> kFrom2013 = {{2013, 1},  {2014, 2},  {2015, 3},  {2016, 6},
                                               {2017, 9},  {2018, 12}, {2019, 16}, {2022, 19},
                                               {2023, 22}, {2024, 24}, {2028, 27}};
  return 65 * 12 + std::prev(kFrom2013.upper_bound(year))->second;
}

const PluginRegistry& BundledPlugins() {
  static const PluginRegistry* registry = [] {
    auto* r = new PluginRegistry;
    Status s = r->LoadDirectories({TRAJECT_BUNDLED_PLUGIN_DIR});
    EXPECT_TRUE(s.ok()) << s.ToString();
    return r;
  }();
  return *registry;
}

// What the tests read from the generated commands.
struct Person {
  std::string area;
  std::string cohort;
  Date birth{};
  Date registered{};
  std::optional<Date> invited{};
  std::vector<std::pair<Date, bool>> bijstand{};             // (day, on bijstand from that day)
  std::vector<std::pair<Date, std::string>> klantmanager{};  // (from, name; "" when none)
};
struct TrajectoryFacts {
  std::string ref;
  std::string programme;
  std::string track;
  Date started{};
  std::vector<TrajectoryStateChanged> changes;
  std::map<std::string, Date> milestones;
};
struct DemoData {
  cli::DemoTotals totals;
  Date until{};
  std::map<std::string, Person> people;
  std::map<std::int64_t, TrajectoryFacts> trajectories;
  std::map<std::int64_t, PlacementStarted> placements;
  std::map<std::int64_t, Date> placement_ends;
  std::map<std::int64_t, int> assessments;
  std::set<std::string> jobhunters;
  int jobhunter_ends = 0;
  int earliest_day = std::numeric_limits<int>::max();
  int latest_day = std::numeric_limits<int>::min();
};

int DayNumber(Date d) { return static_cast<int>(sys_days(d).time_since_epoch().count()); }

DemoData Generate(const ProgrammeCatalogue& catalogue, const cli::DemoOptions& options) {
  DemoData data;
  data.until = options.until;
  Result<cli::DemoTotals> totals =
      cli::GenerateDemo(catalogue, options, [&](const Command& command) -> Status {
        const int day = DayNumber(EffectiveDate(ToPayload(command)));
        data.earliest_day = std::min(data.earliest_day, day);
        data.latest_day = std::max(data.latest_day, day);
        std::visit(
            [&](const auto& c) {
              using T = std::decay_t<decltype(c)>;
              if constexpr (std::is_same_v<T, ParticipantRegistered>) {
                Person& p = data.people[c.ref];
                p.area = c.area;
                p.cohort = c.cohort;
                p.birth = c.birth.value_or(Date{});
                p.registered = c.registered;
                p.bijstand.push_back({c.registered, true});
              } else if constexpr (std::is_same_v<T, ContactRecorded>) {
                Person& p = data.people[c.ref];
                if (c.kind == ContactKind::kInvited && !p.invited) p.invited = c.date;
              } else if constexpr (std::is_same_v<T, CaseworkerAssigned>) {
                if (c.role == CaseworkerRole::kKlantmanager) {
                  data.people[c.ref].klantmanager.push_back({c.date, c.name});
                } else {
                  data.jobhunters.insert(c.name);
                }
              } else if constexpr (std::is_same_v<T, CaseworkerUnassigned>) {
                if (c.role == CaseworkerRole::kKlantmanager) {
                  data.people[c.ref].klantmanager.push_back({c.date, ""});
                } else {
                  ++data.jobhunter_ends;
                }
              } else if constexpr (std::is_same_v<T, TrajectoryStarted>) {
                data.trajectories[c.trajectory_id] =
                    TrajectoryFacts{c.ref, c.programme_id, c.track_id, c.date, {}, {}};
              } else if constexpr (std::is_same_v<T, TrajectoryStateChanged>) {
                TrajectoryFacts& t = data.trajectories[c.trajectory_id];
                t.changes.push_back(c);
                if (c.to == TrajectoryState::kUitgestroomd) {
                  data.people[t.ref].bijstand.push_back({c.date, false});
                } else if (c.to == TrajectoryState::kTerugval) {
                  data.people[t.ref].bijstand.push_back({c.date, true});
                }
              } else if constexpr (std::is_same_v<T, MilestoneReached>) {
                data.trajectories[c.trajectory_id].milestones[c.milestone_id] = c.date;
              } else if constexpr (std::is_same_v<T, PlacementStarted>) {
                data.placements[c.placement_id] = c;
              } else if constexpr (std::is_same_v<T, PlacementEnded>) {
                data.placement_ends[c.placement_id] = c.date;
              } else if constexpr (std::is_same_v<T, LoonwaardeAssessed>) {
                ++data.assessments[c.placement_id];
              }
            },
            command);
        return Status::OK();
      });
  EXPECT_TRUE(totals.ok()) << totals.status().ToString();
  if (totals.ok()) data.totals = *totals;
  return data;
}

bool OnBijstand(const Person& p, Date day) {
  bool on = false;
  for (const auto& [from, state] : p.bijstand) {
    if (!Before(day, from)) on = state;
  }
  return on;
}

std::string KlantmanagerOn(const Person& p, Date day) {
  std::string name;
  for (const auto& [from, who] : p.klantmanager) {
    if (!Before(day, from)) name = who;
  }
  return name;
}

// The default demo's story at 20,000 participants, generated once for the suite.
class DemoDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cli::DemoOptions options;
    options.participants = 20000;
    options.until = D("2026-11-24");
    options.check_ins_per_year = 0;  // check-ins change nothing else (DemoGeneratorTest)
    data_ = new DemoData(Generate(BundledPlugins().catalogue(), options));
  }
  static void TearDownTestSuite() {
    delete data_;
    data_ = nullptr;
  }
  static const DemoData& data() { return *data_; }

 private:
  static DemoData* data_;
};
DemoData* DemoDataTest::data_ = nullptr;

TEST_F(DemoDataTest, ReturnsToBijstandAreNearTheDivosaReferences) {
  // Of the exits seen a year on, those back on bijstand within half a year and within a year
  // (Divosa: about 14 % and 20 %).
  int exits = 0, within_half_year = 0, within_year = 0;
  for (const auto& [id, t] : data().trajectories) {
    for (std::size_t i = 0; i < t.changes.size(); ++i) {
      if (t.changes[i].to != TrajectoryState::kUitgestroomd) continue;
      const Date exit = t.changes[i].date;
      if (Before(data().until, AddMonths(exit, 12))) continue;
      ++exits;
      for (std::size_t j = i + 1; j < t.changes.size(); ++j) {
        if (t.changes[j].to != TrajectoryState::kTerugval) continue;
        if (!Before(AddMonths(exit, 6), t.changes[j].date)) ++within_half_year;
        if (!Before(AddMonths(exit, 12), t.changes[j].date)) ++within_year;
      }
    }
  }
  ASSERT_GT(exits, 2000);
  const double half_year = 100.0 * within_half_year / exits;
  const double year = 100.0 * within_year / exits;
  EXPECT_GE(half_year, 11.0);
  EXPECT_LE(half_year, 17.0);
  EXPECT_GE(year, 16.0);
  EXPECT_LE(year, 24.0);
}

TEST_F(DemoDataTest, WagesAreAtLeastTheMinimumWageForTheHours) {
  const ParameterSet& parameters = BuiltinParameters();
  ASSERT_GT(data().placements.size(), 1000u);
  for (const auto& [id, p] : data().placements) {
    const Cents wage = p.gross_monthly_wage;
    const CentiHours hours = p.hours_per_week;
    if (Before(p.start, D("2024-01-01"))) {
      // Monthly WML x hours / 36.
      Result<ParameterLookup> wml = parameters.At(param::kWmlMonthly, p.start);
      ASSERT_TRUE(wml.ok()) << FormatDate(p.start);
      EXPECT_GE(wage * 36 * 100, wml->value * hours) << "placement " << id;
    } else {
      // Hourly WML x hours x 52 / 12.
      Result<ParameterLookup> wml = parameters.At(param::kWmlHourly, p.start);
      ASSERT_TRUE(wml.ok()) << FormatDate(p.start);
      EXPECT_GE(wage * 12 * 100, wml->value * hours * 52) << "placement " << id;
    }
  }
}

TEST_F(DemoDataTest, AgesRunFrom18ToBelowTheAowAge) {
  std::map<std::string, int> by_age;  // at registration
  for (const auto& [ref, p] : data().people) {
    ASSERT_TRUE(p.birth.ok()) << ref;
    EXPECT_FALSE(Before(p.birth, D("1900-01-01"))) << ref;
    const int age = AgeOn(p.birth, p.registered);
    EXPECT_GE(age, 18) << ref;
    ++by_age[age <= 21 ? "18-21" : age < 27 ? "22-26" : age <= 55 ? "27-55" : "56+"];
    // Never on bijstand at or past the AOW age: check the last day on bijstand.
    Date last = data().until;
    if (!OnBijstand(p, data().until)) last = Plus(p.bijstand.back().first, -1);
    const int aow = AowAgeMonths(static_cast<int>(last.year()));
    EXPECT_TRUE(Before(last, AddMonths(p.birth, aow)))
        << ref << " born " << FormatDate(p.birth) << " on bijstand on " << FormatDate(last);
  }
  EXPECT_GT(by_age["27-55"], 3 * by_age["18-21"]);
  EXPECT_GT(by_age["27-55"], static_cast<int>(data().people.size()) / 2);
  EXPECT_GT(by_age["56+"], 0);
}

TEST_F(DemoDataTest, RegistrationsSpreadOverTheYearsUpToTheEndDate) {
  std::map<int, int> by_year;
  for (const auto& [ref, p] : data().people) {
    ++by_year[static_cast<int>(p.registered.year())];
    // The cohort is invited once the cohortaanpak reaches the area, never before.
    if (!p.cohort.empty() && p.invited) {
      EXPECT_FALSE(Before(*p.invited, D((p.cohort.substr(0, 7) + "-01").c_str()))) << ref;
    }
  }
  int before_2010 = 0, before_2019 = 0;
  for (const auto& [year, n] : by_year) {
    if (year < 2010) before_2010 += n;
    if (year < 2019) before_2019 += n;
  }
  EXPECT_GT(before_2010, 1000);                                        // long-term recipients
  EXPECT_GT(before_2019, static_cast<int>(data().people.size()) / 2);  // the cohorts' stock
  for (int year = 2019; year <= 2026; ++year) EXPECT_GT(by_year[year], 300) << year;  // inflow
  // Nothing before 1900, nothing after the end date.
  EXPECT_GE(data().earliest_day, DayNumber(D("1900-01-01")));
  EXPECT_LE(data().latest_day, DayNumber(data().until));
}

TEST_F(DemoDataTest, DozensOfKlantmanagersWithALoweredCaseloadAndSomeJobhunters) {
  std::map<std::string, int> caseload;  // on bijstand on the end date, per klantmanager
  std::set<std::string> ever;
  int reassigned = 0;
  for (const auto& [ref, p] : data().people) {
    for (std::size_t i = 0; i < p.klantmanager.size(); ++i) {
      if (p.klantmanager[i].second.empty()) continue;
      ever.insert(p.klantmanager[i].second);
      if (i > 0 && !p.klantmanager[i - 1].second.empty()) ++reassigned;
    }
    if (!OnBijstand(p, data().until)) continue;
    const std::string name = KlantmanagerOn(p, data().until);
    EXPECT_FALSE(name.empty()) << ref << " is on bijstand without a klantmanager";
    ++caseload[name];
  }
  EXPECT_GE(caseload.size(), 48u);  // dozens
  std::vector<int> loads;
  for (const auto& [name, n] : caseload) loads.push_back(n);
  std::sort(loads.begin(), loads.end());
  const int median = loads[loads.size() / 2];
  EXPECT_GE(median, 90);
  EXPECT_LE(median, 160);
  EXPECT_GT(ever.size(), caseload.size());  // some left; their caseload went to others
  EXPECT_GT(reassigned, 1000);
  for (const std::string& name : ever) {
    EXPECT_TRUE(name.size() > 3 && name[0] >= 'A' && name[0] <= 'Z' && name[1] == '.') << name;
    EXPECT_EQ(data().jobhunters.count(name), 0u) << name;
  }
  EXPECT_GE(data().jobhunters.size(), 5u);
  EXPECT_LE(data().jobhunters.size(), 30u);
  EXPECT_GT(data().jobhunter_ends, 0);
}

TEST_F(DemoDataTest, AreaPlansRecruitMostlyInTheirOwnAreas) {
  const std::map<std::string, std::set<std::string>> own = {
      {"zuidoostwerkt", {"Bijlmer Oost", "Bijlmer Centrum", "Gaasperdam"}},
      {"schiphol",
       {"Osdorp", "Slotervaart", "Geuzenveld-Slotermeer", "De Aker, Sloten en Nieuw-Sloten"}},
      {"haven-westpoort",
       {"Bos en Lommer", "Westerpark", "Oud-West en De Baarsjes", "Oud-Noord", "Noord-Oost",
        "Noord-West"}}};
  const std::set<std::string> without_plan = {"Centrum West",
                                              "Centrum Oost",
                                              "Oud-Zuid",
                                              "De Pijp en Rivierenbuurt",
                                              "Buitenveldert en Zuidas",
                                              "Watergraafsmeer",
                                              "Indische Buurt en Oostelijk Havengebied",
                                              "IJburg en Zeeburgereiland",
                                              "Oud-Oost"};
  std::map<std::string, int> all, from_own, from_elsewhere_without_plan;
  for (const auto& [id, t] : data().trajectories) {
    const std::string& area = data().people.at(t.ref).area;
    ++all[t.programme];
    if (own.at(t.programme).count(area)) ++from_own[t.programme];
    if (without_plan.count(area)) ++from_elsewhere_without_plan[t.programme];
  }
  int without_plan_total = 0;
  for (const auto& [programme, n] : from_elsewhere_without_plan) without_plan_total += n;
  for (const auto& [programme, areas] : own) {
    EXPECT_GT(2 * from_own[programme], all[programme]) << programme;
    // The areas without a plan of their own spread over all plans.
    EXPECT_GT(5 * from_elsewhere_without_plan[programme], without_plan_total) << programme;
  }
}

TEST_F(DemoDataTest, SchipholPlacementsDipInTheCovidYearsAndRecoverIn2022) {
  std::map<std::string, std::map<int, int>> by_year;
  for (const auto& [id, p] : data().placements) {
    ++by_year[data().trajectories.at(p.trajectory_id).programme][static_cast<int>(p.start.year())];
  }
  std::map<int, int>& schiphol = by_year["schiphol"];
  EXPECT_GT(schiphol[2022], 200);
  EXPECT_LT(4 * (schiphol[2020] + schiphol[2021]), schiphol[2022]);
  EXPECT_GT(schiphol[2023], 4 * schiphol[2021]);
  // The other plans placed people all through.
  for (const char* other : {"zuidoostwerkt", "haven-westpoort"}) {
    EXPECT_GT(by_year[other][2021], 4 * schiphol[2021]) << other;
  }
}

TEST_F(DemoDataTest, TheReportsHaveSomethingToShow) {
  const ProgrammeCatalogue& catalogue = BundledPlugins().catalogue();
  const Date until = data().until;
  int overdue = 0, credentials = 0, skill_gains = 0;
  std::map<TrajectoryState, int> last_state;
  std::map<ExitReason, int> exit_reasons;
  for (const auto& [id, t] : data().trajectories) {
    const TrackDefinition* track = FindTrack(*catalogue.Find(t.programme), t.track);
    ASSERT_NE(track, nullptr);
    for (const MilestoneDefinition& m : track->milestones) {
      if (t.milestones.count(m.id)) {
        credentials += m.outcome == MilestoneOutcome::kCredential;
        skill_gains += m.outcome == MilestoneOutcome::kSkillGain;
      }
    }
    for (const TrajectoryStateChanged& c : t.changes) {
      if (c.exit_reason) ++exit_reasons[*c.exit_reason];
    }
    const bool open = t.changes.empty() || (!IsFinal(t.changes.back().to) &&
                                            t.changes.back().to != TrajectoryState::kUitgestroomd);
    if (!t.changes.empty()) ++last_state[t.changes.back().to];
    if (!open) continue;
    // Overdue: not reached, with a deadline before the end date.
    for (const MilestoneDefinition& m : track->milestones) {
      if (t.milestones.count(m.id) || !m.deadline) continue;
      std::optional<Date> from = t.started;
      if (!m.deadline->anchor.empty()) {
        auto anchor = t.milestones.find(m.deadline->anchor);
        from = anchor == t.milestones.end() ? std::nullopt : std::optional<Date>(anchor->second);
      }
      if (from && Before(Plus(*from, m.deadline->days), until)) {
        ++overdue;
        break;
      }
    }
  }
  EXPECT_GT(overdue, 100);
  EXPECT_GT(credentials, 1000);
  EXPECT_GT(skill_gains, 100);
  EXPECT_GT(last_state[TrajectoryState::kAfgebroken], 500);
  EXPECT_GT(last_state[TrajectoryState::kTerugval], 500);
  EXPECT_GT(exit_reasons[ExitReason::kWork], 2000);
  EXPECT_GT(exit_reasons[ExitReason::kEducation], 50);
  EXPECT_GT(exit_reasons[ExitReason::kOther], 50);

  int running = 0, unassessed = 0, unassessed_past_forfait = 0, excluded = 0, ended = 0;
  for (const auto& [id, p] : data().placements) {
    const std::string& programme = data().trajectories.at(p.trajectory_id).programme;
    if (programme == "schiphol" && p.hours_per_week < 1200) ++excluded;  // under 12 h: no LKS
    if (data().placement_ends.count(id)) {
      ++ended;
      continue;
    }
    ++running;
    if (data().assessments.count(id)) continue;
    ++unassessed;
    if (Before(AddMonths(p.start, 6), until)) ++unassessed_past_forfait;
  }
  EXPECT_GT(running, 1000);
  EXPECT_GT(ended, 1000);
  EXPECT_GT(unassessed, 50);
  EXPECT_GT(unassessed_past_forfait, 20);
  EXPECT_LT(unassessed_past_forfait, unassessed);  // some still within the forfait
  EXPECT_GT(excluded, 20);
}

// Records the demo into a real store (the library validates every command) for a catalogue.
void ExpectEveryCommandAccepted(const ProgrammeCatalogue& catalogue, const std::string& label) {
  SCOPED_TRACE(label);
  test::TempDir dir;
  StoreOptions options;
  options.organisation = "amsterdam";
  options.create_organisation = true;
  options.catalogue = &catalogue;
  options.clock_ms = [] { return test::kTestClockMs; };
  Result<std::unique_ptr<Store>> store = Store::Open(dir.Database("demo"), options);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<std::unique_ptr<WriteBatch>> batch = (*store)->BeginBatch();
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  cli::DemoOptions demo;
  demo.participants = 1500;
  demo.seed = 11;
  demo.until = D("2026-06-01");  // the test clock's today
  demo.check_ins_per_year = 2;
  Result<cli::DemoTotals> totals = cli::GenerateDemo(catalogue, demo, [&](const Command& c) {
    Result<Recorded> recorded = (*batch)->Record(c);
    return recorded.ok() ? Status::OK() : recorded.status();
  });
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  ASSERT_TRUE((*batch)->Commit().ok());
  EXPECT_EQ(totals->participants, 1500);
  EXPECT_GT(totals->trajectories, 300);
  EXPECT_GT(totals->placements, 100);
  EXPECT_GT(totals->exits, 50);
  Result<std::vector<Trajectory>> trajectories = (*store)->ListTrajectories();
  ASSERT_TRUE(trajectories.ok());
  EXPECT_EQ(static_cast<std::int64_t>(trajectories->size()), totals->trajectories);
}

TEST(DemoGeneratorTest, EveryCommandIsAcceptedWithAllOrAnyOneProgramme) {
  const ProgrammeCatalogue& bundled = BundledPlugins().catalogue();
  ASSERT_EQ(bundled.All().size(), 3u);
  ExpectEveryCommandAccepted(bundled, "all bundled programmes");
  for (const ProgrammeDefinition* programme : bundled.All()) {
    ProgrammeCatalogue one;
    ASSERT_TRUE(one.Add(*programme, "test").ok());
    ExpectEveryCommandAccepted(one, programme->id);
  }
  ExpectEveryCommandAccepted(test::TestCatalogue(), "test-plan");
}

TEST(DemoGeneratorTest, SameOptionsSameDataAndCheckInsOnlyAddConversations) {
  const ProgrammeCatalogue& catalogue = BundledPlugins().catalogue();
  // Every command but conversations, encoded; and the number of conversations.
  auto run = [&](int check_ins, std::vector<std::string>* rest, int* conversations) {
    cli::DemoOptions options;
    options.participants = 3000;
    options.seed = 5;
    options.until = D("2026-06-30");
    options.check_ins_per_year = check_ins;
    *conversations = 0;
    Result<cli::DemoTotals> totals =
        cli::GenerateDemo(catalogue, options, [&](const Command& command) {
          const auto* contact = std::get_if<ContactRecorded>(&command);
          if (contact && contact->kind == ContactKind::kConversation) {
            ++*conversations;
          } else {
            rest->push_back(std::string(KindOf(command)) + EncodePayload(ToPayload(command)));
          }
          return Status::OK();
        });
    ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  };
  std::vector<std::string> first, again, none, many;
  int c_first = 0, c_again = 0, c_none = 0, c_many = 0;
  run(4, &first, &c_first);
  run(4, &again, &c_again);
  run(0, &none, &c_none);
  run(12, &many, &c_many);
  EXPECT_EQ(first, again);
  EXPECT_EQ(c_first, c_again);
  EXPECT_EQ(none, first);
  EXPECT_EQ(many, first);
  EXPECT_LT(c_none, c_first);
  EXPECT_LT(2 * c_first, c_many);
}

TEST(DemoGeneratorTest, RefusesOptionsOutOfRange) {
  cli::DemoOptions options;
  options.until = D("2026-06-30");
  EXPECT_TRUE(cli::CheckDemoOptions(options).ok());
  options.participants = 0;
  EXPECT_FALSE(cli::CheckDemoOptions(options).ok());
  options.participants = 10;
  options.until = Date{};  // not set
  EXPECT_FALSE(cli::CheckDemoOptions(options).ok());
  options.until = D("1999-12-31");
  EXPECT_FALSE(cli::CheckDemoOptions(options).ok());
}

TEST(DemoE2eTest, AnEndDateAfterTodayOrBefore2000IsRefusedBeforeADatabaseIsMade) {
  test::TempDir dir;
  for (const char* as_of : {"2199-01-01", "1999-12-31"}) {
    const std::string db = dir.File(std::string("demo-") + as_of + ".db");
    test::CliResult refused = test::RunCli({"--db", db, "--as-of", as_of, "demo"});
    EXPECT_EQ(refused.exit_code, 3) << as_of << ": " << refused.err;
    EXPECT_NE(refused.err.find("--as-of"), std::string::npos) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(db)) << as_of;
  }
}

}  // namespace
}  // namespace traject
