// CommandGenerator: random commands of every kind, valid and invalid, aimed mostly at records
// that exist (it learns what was recorded). Deterministic for a seed. Used by the property tests
// of the public API and by the tests of the write path's internals.
#ifndef TRAJECT_TESTS_STORAGE_COMMAND_GENERATOR_H_
#define TRAJECT_TESTS_STORAGE_COMMAND_GENERATOR_H_

#include <algorithm>
#include <array>
#include <map>
#include <random>

#include "testutil.h"
#include "traject/store.h"

namespace traject::test {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;

class CommandGenerator {
 public:
  explicit CommandGenerator(std::uint32_t seed) : random_(seed) {}

  // Learns what was recorded, so that later commands mostly aim at things that exist.
  void Learn(const Recorded& recorded) {
    for (const Event& event : recorded.events) {
      if (const auto* r = std::get_if<ParticipantRegistered>(&event.payload)) {
        refs_.push_back(r->ref);
      } else if (const auto* t = std::get_if<TrajectoryStarted>(&event.payload)) {
        trajectories_.push_back(t->trajectory_id);
      } else if (const auto* p = std::get_if<PlacementStarted>(&event.payload)) {
        placements_.push_back(p->placement_id);
      } else if (const auto* m = std::get_if<MilestoneReached>(&event.payload)) {
        reached_[m->trajectory_id].push_back(m->milestone_id);
      }
    }
  }

  Command Next() {
    // The business calendar moves forward a few days per command, up to the test clock's today.
    cursor_ = std::min<std::int64_t>(cursor_ + Pick(0, 6), kLastDay);
    switch (Pick(0, 14)) {
      case 0:
        return Register();
      case 1:
        return CaseworkerAssigned{Ref(), Role(), Name(), Day()};
      case 2:
        return ContactRecorded{
            Ref(),
            Chance(3) ? static_cast<ContactKind>(Pick(0, 9)) : static_cast<ContactKind>(Pick(0, 3)),
            Day()};
      case 3:
        return TrajectoryStarted{Chance(20) ? Pick(1, 9) : 0, Ref(),
                                 Chance(5) ? "nope" : "test-plan", Chance(5) ? "geen" : "zorg",
                                 Day()};
      case 4: {
        const auto to = static_cast<TrajectoryState>(Chance(4) ? Pick(0, 9) : Pick(2, 7));
        std::optional<ExitReason> reason;
        if ((to == TrajectoryState::kUitgestroomd) != Chance(5)) {
          reason = static_cast<ExitReason>(Chance(4) ? Pick(0, 6) : Pick(0, 2));
        }
        return TrajectoryStateChanged{Trajectory(), {}, to, Day(), Note(), reason};
      }
      case 5:
        return MilestoneReached{Trajectory(), Milestone(), Day(), Note()};
      case 6:
        return PlacementStarted{
            Chance(20) ? Pick(1, 9) : 0, Trajectory(), Name(), Hours(), Wage(), Day()};
      case 7:
        return PlacementEnded{Placement(), Day(), Note()};
      case 8:
        return LoonwaardeAssessed{Placement(), Day(),
                                  static_cast<int>(Chance(8) ? Pick(-5, 120) : Pick(0, 100))};
      case 9: {
        ParticipantChanged c{Ref(), Day(), {}, {}, {}, {}, Note()};
        if (Chance(2)) c.area = Area();
        if (Chance(3)) c.cohort = Area();
        if (Chance(3)) c.groups = Groups();
        if (Chance(3)) c.birth = Birth();
        return c;
      }
      case 10:
        return CaseworkerUnassigned{Ref(), Role(), Day(), Note()};
      case 11: {
        MilestoneCorrected c{Trajectory(), Milestone(), Day(), {}, {}, Note()};
        if (Chance(2)) c.reached = Day(-Pick(0, 200));
        if (Chance(2)) c.evidence = Note();
        return c;
      }
      case 12:
        return MilestoneRetracted{Trajectory(), Milestone(), Day(), Note()};
      case 13: {
        PlacementCorrected c{Placement(), Day(), {}, {}, {}, {}, {}, false, Note()};
        if (Chance(3)) c.employer = Name();
        if (Chance(3)) c.hours_per_week = Hours();
        if (Chance(3)) c.gross_monthly_wage = Wage();
        if (Chance(3)) c.start = Day(-Pick(0, 300));
        if (Chance(4)) c.end = Day(-Pick(0, 60));
        if (Chance(6)) c.reopen = true;
        return c;
      }
      default:
        return LoonwaardeWithdrawn{Placement(), Day(-Pick(0, 300)), Day(), Note()};
    }
  }

 private:
  static constexpr std::int64_t kFirstDay = 17897;  // 2019-01-01
  static constexpr std::int64_t kLastDay = 20605;   // 2026-06-01, the test clock's today

  std::int64_t Pick(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(random_);
  }
  bool Chance(int one_in) { return Pick(1, one_in) == 1; }

  Command Register() {
    ParticipantRegistered r;
    r.ref = Chance(15) ? BadRef() : "P-" + std::to_string(participants_++);
    r.birth = Chance(4) ? std::nullopt : std::optional<Date>(Birth());
    r.area = Area();
    r.cohort = Chance(2) ? "" : Area();
    r.groups = Groups();
    r.registered = Day();
    r.bsn_verified = Chance(2);
    return r;
  }

  // A date near the cursor, sometimes an impossible or a future one.
  Date Day(std::int64_t offset = 0) {
    switch (Pick(0, 40)) {
      case 0:
        return Date{year{2024}, month{2}, day{30}};
      case 1:
        return Date{year{2024}, month{13}, day{1}};
      case 2:
        return Date{};
      case 3:
        return Date{year{static_cast<int>(Pick(1, 30000))}, month{1}, day{1}};
      case 4:
        return Date(sys_days(days(kLastDay + Pick(1, 400))));
      default:
        return Date(sys_days(days(std::max(kFirstDay, cursor_ + offset - Pick(0, 30)))));
    }
  }
  Date Birth() {
    return Chance(20) ? Date(sys_days(days(cursor_ - Pick(0, 3000))))
                      : Date(sys_days(days(cursor_ - Pick(6000, 24000))));
  }
  std::string Ref() {
    if (Chance(25)) return BadRef();
    if (refs_.empty() || Chance(30)) return "P-unknown";
    return refs_[static_cast<std::size_t>(Pick(0, static_cast<std::int64_t>(refs_.size()) - 1))];
  }
  template <typename T>
  T From(const std::vector<T>& known, T unknown) {
    if (known.empty() || Chance(20)) return unknown;
    // Mostly the recent ones: they are the open ones.
    const auto n = static_cast<std::int64_t>(known.size());
    return known[static_cast<std::size_t>(Chance(2) ? Pick(std::max<std::int64_t>(0, n - 8), n - 1)
                                                    : Pick(0, n - 1))];
  }
  std::string BadRef() {
    static const std::array<const char*, 5> bad = {"", "P 1", "P/1", "P,1", "\xff"};
    return Chance(3) ? std::string(65, 'P') : bad[static_cast<std::size_t>(Pick(0, 4))];
  }
  std::int64_t Trajectory() {
    last_trajectory_ = Chance(20) ? Pick(-2, 0) : From(trajectories_, std::int64_t{999});
    return last_trajectory_;
  }
  std::int64_t Placement() {
    return Chance(20) ? Pick(-2, 0) : From(placements_, std::int64_t{999});
  }
  // For the trajectory just picked: mostly the next milestone of the track's order, or (for
  // corrections) one already reached.
  std::string Milestone() {
    static const std::array<const char*, 6> ids = {"intake",  "start-leren", "vog",
                                                   "diploma", "onbekend",    "Bad Id"};
    if (Chance(8)) return ids[static_cast<std::size_t>(Pick(0, 5))];
    const std::vector<std::string>& reached = reached_[last_trajectory_];
    if (!reached.empty() && Chance(2)) return From(reached, std::string("intake"));
    for (const char* id : {"intake", "vog", "start-leren", "diploma"}) {
      if (std::find(reached.begin(), reached.end(), id) == reached.end()) return id;
    }
    return "diploma";
  }
  CaseworkerRole Role() {
    return static_cast<CaseworkerRole>(Chance(15) ? Pick(2, 9) : Pick(0, 1));
  }
  CentiHours Hours() { return Chance(10) ? Pick(-100, 9000) : Pick(800, 4000); }
  Cents Wage() { return Chance(10) ? Pick(-1000, kMaxMonthlyWage + 10) : Pick(150000, 350000); }
  std::vector<TargetGroup> Groups() {
    std::vector<TargetGroup> groups;
    for (int i = Pick(0, 2); i > 0; --i) {
      groups.push_back(static_cast<TargetGroup>(Chance(10) ? Pick(3, 9) : Pick(0, 2)));
    }
    return groups;
  }
  std::string Area() {
    static const std::array<const char*, 6> areas = {
        "Bijlmer Oost", "Osdorp", "Centrum-West", "Noord, Oud-Noord", "\"Zuid\"", "Nieuw-West é"};
    return Text(areas[static_cast<std::size_t>(Pick(0, 5))], false);
  }
  std::string Name() {
    static const std::array<const char*, 5> names = {"A. Bakker", "Zorggroep Zuidoost",
                                                     "Schiphol Ground Services", "Bouw & Co",
                                                     "Café 't Hoekje"};
    return Text(names[static_cast<std::size_t>(Pick(0, 4))], false);
  }
  std::string Note() {
    static const std::array<const char*, 5> notes = {"", "verhuisd",
                                                     "contract niet verlengd, \"einde\"",
                                                     "regel 1\nregel 2", "🙂 goed gesprek"};
    return Text(notes[static_cast<std::size_t>(Pick(0, 4))], true);
  }
  // Usually `base`; sometimes too long, with a control character or with invalid UTF-8.
  std::string Text(std::string base, bool note) {
    switch (Pick(0, 30)) {
      case 0:
        return std::string(kMaxTextLength + static_cast<std::size_t>(Pick(1, 20)), 'x');
      case 1:
        return base + "\t";
      case 2:
        return base + "\x01";
      case 3:
        return base + "\xc3";  // a truncated UTF-8 sequence
      case 4:
        return note ? base + "\r\n" : base + "\n";
      default:
        return base;
    }
  }

  std::mt19937 random_;
  std::int64_t cursor_ = kFirstDay;
  std::int64_t participants_ = 0;
  std::vector<std::string> refs_;
  std::vector<std::int64_t> trajectories_;
  std::vector<std::int64_t> placements_;
  std::map<std::int64_t, std::vector<std::string>> reached_;
  std::int64_t last_trajectory_ = 0;
};

}  // namespace traject::test

#endif  // TRAJECT_TESTS_STORAGE_COMMAND_GENERATOR_H_
