#include "demo_generator.h"

#include <fmt/format.h>

#include <array>
#include <random>

namespace traject::cli {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

struct Area {
  const char* name;
  const char* cohort_start;  // the month the cohortaanpak reached the area
  const char* programme;     // the banenplan most used there
};

// The 22 cohort areas; Bijlmer Oost first (September 2019), then Centrum West and Oost,
// Osdorp, and the rest through 2020.
constexpr std::array<Area, 22> kAreas = {{
    {"Bijlmer Oost", "2019-09-01", "zuidoostwerkt"},
    {"Centrum West", "2019-11-01", "schiphol"},
    {"Centrum Oost", "2019-11-01", "schiphol"},
    {"Osdorp", "2019-12-01", "schiphol"},
    {"Bijlmer Centrum", "2020-01-01", "zuidoostwerkt"},
    {"Gaasperdam", "2020-01-15", "zuidoostwerkt"},
    {"Geuzenveld-Slotermeer", "2020-02-01", "haven-westpoort"},
    {"Slotervaart", "2020-02-15", "schiphol"},
    {"De Aker, Sloten en Nieuw-Sloten", "2020-03-01", "schiphol"},
    {"Bos en Lommer", "2020-03-15", "haven-westpoort"},
    {"Westerpark", "2020-04-01", "haven-westpoort"},
    {"Oud-West en De Baarsjes", "2020-05-01", "haven-westpoort"},
    {"Oud-Noord", "2020-05-15", "haven-westpoort"},
    {"Noord-Oost", "2020-06-01", "haven-westpoort"},
    {"Noord-West", "2020-06-15", "haven-westpoort"},
    {"Oost en Watergraafsmeer", "2020-07-01", "zuidoostwerkt"},
    {"Indische Buurt en Oostelijk Havengebied", "2020-08-01", "zuidoostwerkt"},
    {"IJburg en Zeeburgereiland", "2020-09-01", "zuidoostwerkt"},
    {"Oud-Zuid", "2020-09-15", "schiphol"},
    {"De Pijp en Rivierenbuurt", "2020-10-01", "schiphol"},
    {"Buitenveldert en Zuidas", "2020-11-01", "schiphol"},
    {"Oud-Oost", "2020-12-01", "zuidoostwerkt"},
}};

constexpr std::array<const char*, 12> kKlantmanagers = {
    "A. Bakker", "F. el Amrani", "J. de Vries", "M. Jansen", "N. Öztürk", "R. Pinas",
    "S. Visser", "T. Mulder",    "W. de Boer",  "Y. Yilmaz", "L. Smit",   "K. Brouwer"};
constexpr std::array<const char*, 5> kJobhunters = {"D. Koster", "E. Zeeman", "H. Bos", "I. Peters",
                                                    "P. Dekker"};

const char* EmployerFor(const std::string& sector, std::uint64_t pick) {
  static const std::array<const char*, 5> zorg = {"Zorggroep Amstelland", "Cordaan", "Amsta",
                                                  "Osira Amstelring", "Zonnehuis Zuidoost"};
  static const std::array<const char*, 5> luchtvaart = {"Swissport Schiphol", "KLM Ground Services",
                                                        "Aviapartner", "Asito Schiphol",
                                                        "Menzies Aviation"};
  static const std::array<const char*, 5> techniek = {
      "Zon op Noord BV", "Installatiebedrijf Westpoort", "Havenbedrijf Amsterdam", "Tata Logistiek",
      "Solar Amsterdam"};
  if (sector == "zorg") return zorg[pick % zorg.size()];
  if (sector == "luchtvaart") return luchtvaart[pick % luchtvaart.size()];
  return techniek[pick % techniek.size()];
}

// Deterministic draws straight from mt19937_64 (the standard distributions differ per library).
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t Next() { return engine_(); }
  // Integer in [low, high].
  int Between(int low, int high) {
    return low + static_cast<int>(engine_() % static_cast<std::uint64_t>(high - low + 1));
  }
  // True with probability percent / 100.
  bool Chance(int percent) { return static_cast<int>(engine_() % 100) < percent; }

 private:
  std::mt19937_64 engine_;
};

Date Plus(Date d, int n) { return Date(sys_days(d) + days(n)); }
bool After(Date a, Date b) { return sys_days(a) > sys_days(b); }

class Generator {
 public:
  Generator(const ProgrammeCatalogue& catalogue, const DemoOptions& options,
            const std::function<Status(const Command&)>& record)
      : catalogue_(catalogue), options_(options), record_(record), random_(options.seed) {}

  Result<DemoTotals> Run() {
    for (int i = 0; i < options_.participants; ++i) {
      story_ = Story{};
      if (Status s = Participant(i); !s.ok()) return s;
      if (Status s = CheckIns(i); !s.ok()) return s;
    }
    return totals_;
  }

 private:
  // Records `command` when its date is not past the end; false when it is (the story stops).
  Result<bool> Emit(const Command& command) {
    if (After(EffectiveDate(ToPayload(command)), options_.until)) return false;
    if (Status s = record_(command); !s.ok()) return s;
    ++totals_.commands;
    return true;
  }

#define EMIT(command)                           \
  do {                                          \
    Result<bool> emitted = Emit(command);       \
    if (!emitted.ok()) return emitted.status(); \
    if (!*emitted) return Status::OK();         \
  } while (0)

  Status Participant(int index) {
    const Area& area = kAreas[static_cast<std::size_t>(index) % kAreas.size()];
    const Date cohort_start = *ParseDate(area.cohort_start);
    ParticipantRegistered registered;
    registered.ref = fmt::format("P{:06}", index + 1);
    // Most are invited in the cohort year; the rest flow in later, up to the end date.
    const int span = std::max(
        1, static_cast<int>((sys_days(options_.until) - sys_days(cohort_start)).count()) - 120);
    registered.registered =
        Plus(cohort_start, random_.Chance(65) ? random_.Between(0, 330) : random_.Between(0, span));
    const int age = random_.Between(18, 66);
    registered.birth = Plus(AddMonths(registered.registered, -12 * age), -random_.Between(0, 364));
    registered.area = area.name;
    registered.cohort =
        fmt::format("{} {}", std::string(area.cohort_start).substr(0, 7), area.name);
    if (random_.Chance(12)) registered.groups.push_back(TargetGroup::kStatushouder);
    registered.bsn_verified = random_.Chance(90);
    EMIT(registered);
    ++totals_.participants;
    const std::string& ref = registered.ref;
    const Date start = registered.registered;
    EMIT((CaseworkerAssigned{
        ref, CaseworkerRole::kKlantmanager,
        kKlantmanagers[(static_cast<std::size_t>(index) / 7) % kKlantmanagers.size()], start}));
    EMIT((ContactRecorded{ref, ContactKind::kInvited, start}));
    Date conversation = Plus(start, random_.Between(7, 60));
    if (random_.Chance(18)) {
      EMIT((ContactRecorded{ref, ContactKind::kNoResponse, Plus(start, 30)}));
      if (!random_.Chance(45)) return Status::OK();
      EMIT((ContactRecorded{ref, ContactKind::kHomeVisit, Plus(start, random_.Between(40, 80))}));
      conversation = Plus(start, random_.Between(85, 120));
    }
    EMIT((ContactRecorded{ref, ContactKind::kConversation, conversation}));
    story_.ref = ref;
    story_.spoken = conversation;
    // About a third of those spoken to start a leerwerk trajectory.
    if (!random_.Chance(36)) return Status::OK();
    return Trajectory(ref, area, Plus(conversation, random_.Between(3, 90)));
  }

  const ProgrammeDefinition* ProgrammeFor(const Area& area) {
    const ProgrammeDefinition* preferred = catalogue_.Find(area.programme);
    const std::vector<const ProgrammeDefinition*> all = catalogue_.All();
    if (preferred && random_.Chance(75)) return preferred;
    return all[random_.Next() % all.size()];
  }

  Status Trajectory(const std::string& ref, const Area& area, Date date) {
    const ProgrammeDefinition* programme = ProgrammeFor(area);
    const TrackDefinition& track = programme->tracks[random_.Next() % programme->tracks.size()];
    const std::int64_t id = ++next_trajectory_;
    EMIT((TrajectoryStarted{id, ref, programme->id, track.id, date}));
    ++totals_.trajectories;
    if (random_.Chance(25)) {
      EMIT((CaseworkerAssigned{ref, CaseworkerRole::kJobhunter,
                               kJobhunters[random_.Next() % kJobhunters.size()], Plus(date, 7)}));
    }
    // Milestones in the track's (topological) order, each some weeks after the previous one;
    // after each, some drop out. Once everything a placement needs is there, most are placed.
    Date day = date;
    bool placed = false;
    for (const MilestoneDefinition& milestone : track.milestones) {
      day = Plus(
          day, random_.Between(5, milestone.deadline ? std::max(6, milestone.deadline->days) : 60));
      if (random_.Chance(milestone.id == "intake" ? 8 : 6)) {
        EMIT((TrajectoryStateChanged{
            id, {}, TrajectoryState::kAfgebroken, day, "uitval", std::nullopt}));
        return Status::OK();
      }
      EMIT((MilestoneReached{id, milestone.id, day,
                             milestone.evidence.empty() ? "" : milestone.evidence.front()}));
      if (!placed && ReadyForPlacement(track, milestone.id)) {
        if (!random_.Chance(72)) continue;
        placed = true;
        std::optional<Date> resume;
        Status s = Placement(id, track, Plus(day, random_.Between(7, 45)), &resume);
        if (!s.ok() || !resume) return s;
        day = *resume;
      }
    }
    return Status::OK();
  }

  // True once the milestone just reached was the last one a placement requires.
  static bool ReadyForPlacement(const TrackDefinition& track, const std::string& reached) {
    std::string last_required;
    for (const MilestoneDefinition& m : track.milestones) {
      if (m.required_for_placement) last_required = m.id;
    }
    return last_required.empty() ? reached == track.milestones.front().id
                                 : reached == last_required;
  }

  // Records a placement and its course. Sets `*resume` to the day learning goes on when the
  // job ended early and the trajectory returned to in-leerwerk; otherwise the story ends here.
  Status Placement(std::int64_t trajectory, const TrackDefinition& track, Date start,
                   std::optional<Date>* resume) {
    const std::int64_t id = ++next_placement_;
    const int hours = 8 + 4 * random_.Between(0, 8);  // 8..40
    const Cents wage = (2150 + random_.Between(0, 600)) * 100 * hours / 36;
    EMIT((PlacementStarted{id, trajectory, EmployerFor(track.sector, random_.Next()), hours * 100,
                           wage, start}));
    ++totals_.placements;
    // Decide the course first, then record it in date order.
    const bool ends_early = random_.Chance(22);
    const Date end = Plus(start, random_.Between(60, 400));
    if (random_.Chance(85)) {
      const Date first = Plus(start, random_.Between(20, 150));
      if (!ends_early || !After(first, end)) {
        EMIT((LoonwaardeAssessed{id, first, 30 + 5 * random_.Between(0, 12)}));
        const Date second = Plus(first, random_.Between(150, 400));
        if (random_.Chance(30) && (!ends_early || !After(second, end))) {
          EMIT((LoonwaardeAssessed{id, second, 50 + 5 * random_.Between(0, 9)}));
        }
      }
    }
    if (ends_early) {
      EMIT((PlacementEnded{id, end, "contract beëindigd"}));
      if (random_.Chance(50)) {
        EMIT((TrajectoryStateChanged{trajectory,
                                     {},
                                     TrajectoryState::kAfgebroken,
                                     Plus(end, 1),
                                     "baan verloren",
                                     std::nullopt}));
        return Status::OK();
      }
      EMIT((TrajectoryStateChanged{trajectory,
                                   {},
                                   TrajectoryState::kInLeerwerk,
                                   Plus(end, 1),
                                   "terug naar leren",
                                   std::nullopt}));
      *resume = Plus(end, 1);
      return Status::OK();
    }
    if (random_.Chance(70)) {  // leaves bijstand
      const Date exit = Plus(start, random_.Between(62, 270));
      EMIT((TrajectoryStateChanged{
          trajectory, {}, TrajectoryState::kUitgestroomd, exit, "", ExitReason::kWork}));
      ++totals_.exits;
      story_.left = exit;
      if (random_.Chance(18)) {  // about 14 % within half a year, 20 % within a year (Divosa)
        EMIT((TrajectoryStateChanged{trajectory,
                                     {},
                                     TrajectoryState::kTerugval,
                                     Plus(exit, random_.Between(30, 360)),
                                     "",
                                     std::nullopt}));
        ++totals_.returns;
        story_.left.reset();
      }
    }
    return Status::OK();
  }

#undef EMIT

  // The klantmanager's check-in conversations with someone spoken to, about
  // options_.check_ins_per_year a year from the first conversation until they leave bijstand or
  // the end date. Drawn from a stream of their own (per participant), so that the rest of the
  // data set is the same whatever the number of check-ins.
  Status CheckIns(int index) {
    if (!story_.spoken || options_.check_ins_per_year <= 0) return Status::OK();
    Random random(options_.seed * 1'000'003 + static_cast<std::uint64_t>(index));
    const int gap = 365 / options_.check_ins_per_year;
    for (Date day = Plus(*story_.spoken, random.Between(gap / 2, gap * 3 / 2));;
         day = Plus(day, random.Between(gap / 2, gap * 3 / 2))) {
      if (story_.left && !After(*story_.left, day)) return Status::OK();
      Result<bool> emitted = Emit(ContactRecorded{story_.ref, ContactKind::kConversation, day});
      if (!emitted.ok()) return emitted.status();
      if (!*emitted) return Status::OK();
      ++totals_.check_ins;
    }
  }

  // What the check-ins of the participant being generated need to know.
  struct Story {
    std::string ref;
    std::optional<Date> spoken;  // first conversation
    std::optional<Date> left;    // left bijstand (and did not return)
  };

  const ProgrammeCatalogue& catalogue_;
  const DemoOptions& options_;
  const std::function<Status(const Command&)>& record_;
  Random random_;
  DemoTotals totals_;
  Story story_;
  std::int64_t next_trajectory_ = 0;
  std::int64_t next_placement_ = 0;
};

}  // namespace

Status CheckDemoOptions(const DemoOptions& options) {
  if (options.participants < 1 || options.participants > 1000000) {
    return Status::InvalidArgument("--participants must be 1..1000000");
  }
  if (options.check_ins_per_year < 0 || options.check_ins_per_year > 52) {
    return Status::InvalidArgument("--check-ins must be 0..52");
  }
  return Status::OK();
}

Result<DemoTotals> GenerateDemo(const ProgrammeCatalogue& catalogue, const DemoOptions& options,
                                const std::function<Status(const Command&)>& record) {
  if (catalogue.empty()) {
    return Status::InvalidArgument(
        "the demo needs the banenplan plugins: none were found (--plugins DIR)");
  }
  if (Status s = CheckDemoOptions(options); !s.ok()) return s;
  return Generator(catalogue, options, record).Run();
}

}  // namespace traject::cli
