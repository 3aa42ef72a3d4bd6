#include "demo_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <random>
#include <string_view>

#include "traject/parameters.h"

namespace traject::cli {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The generator's arithmetic is on plain day numbers (days since 1970-01-01).
using Day = int;
constexpr Day kNever = std::numeric_limits<int>::max() / 4;

Day DayOf(Date d) { return static_cast<Day>(sys_days(d).time_since_epoch().count()); }
Date DateOf(Day d) { return Date(sys_days(days(d))); }
Day DayOf(const char* iso) { return DayOf(*ParseDate(iso)); }  // REQUIRES: a valid date
Day PlusMonths(Day d, int months) { return DayOf(AddMonths(DateOf(d), months)); }

// --- The city --------------------------------------------------------------------------------

// Amsterdam's stadsdelen; a district's area banenplan (when one is loaded) is the one its
// participants mostly follow.
enum District { kCentrum, kWest, kNieuwWest, kZuid, kOost, kNoord, kZuidoost, kDistricts };

// The area (ProgrammeDefinition::area) of the banenplannen that recruit in each district:
// Zuidoost has ZuidoostWerkt!, Nieuw-West lies next to Schiphol, West and Noord border the
// port (Haven/Westpoort); a plugin for the district itself ("Noord", "Nieuw-West") counts too.
// Centrum, Zuid and Oost have no area plan of their own: their people spread over all plans.
constexpr std::array<std::array<const char*, 2>, kDistricts> kDistrictPlans = {{
    {nullptr, nullptr},          // Centrum
    {"Westpoort", "West"},       // West
    {"Schiphol", "Nieuw-West"},  // Nieuw-West
    {nullptr, nullptr},          // Zuid
    {nullptr, nullptr},          // Oost
    {"Westpoort", "Noord"},      // Noord
    {"Zuidoost", nullptr},       // Zuidoost
}};

struct Area {
  const char* name;
  const char* cohort_start;  // the day the cohortaanpak reached the area
  District district;
};

// The 22 cohort areas (gebieden); Bijlmer Oost first (September 2019), then Centrum West and
// Oost, Osdorp, and the rest through 2020.
constexpr std::array<Area, 22> kAreas = {{
    {"Bijlmer Oost", "2019-09-01", kZuidoost},
    {"Centrum West", "2019-11-01", kCentrum},
    {"Centrum Oost", "2019-11-01", kCentrum},
    {"Osdorp", "2019-12-01", kNieuwWest},
    {"Bijlmer Centrum", "2020-01-01", kZuidoost},
    {"Gaasperdam", "2020-01-15", kZuidoost},
    {"Geuzenveld-Slotermeer", "2020-02-01", kNieuwWest},
    {"Slotervaart", "2020-02-15", kNieuwWest},
    {"De Aker, Sloten en Nieuw-Sloten", "2020-03-01", kNieuwWest},
    {"Bos en Lommer", "2020-03-15", kWest},
    {"Westerpark", "2020-04-01", kWest},
    {"Oud-West en De Baarsjes", "2020-05-01", kWest},
    {"Oud-Noord", "2020-05-15", kNoord},
    {"Noord-Oost", "2020-06-01", kNoord},
    {"Noord-West", "2020-06-15", kNoord},
    {"Watergraafsmeer", "2020-07-01", kOost},
    {"Indische Buurt en Oostelijk Havengebied", "2020-08-01", kOost},
    {"IJburg en Zeeburgereiland", "2020-09-01", kOost},
    {"Oud-Zuid", "2020-09-15", kZuid},
    {"De Pijp en Rivierenbuurt", "2020-10-01", kZuid},
    {"Buitenveldert en Zuidas", "2020-11-01", kZuid},
    {"Oud-Oost", "2020-12-01", kOost},
}};

// --- Chosen numbers (the sources give none; docs/cli.md, "demo", lists them) ------------------

// Share of each area's participants on bijstand before 2019 (long-term recipients among them);
// the rest flow in from 2019 on, up to the end date.
constexpr int kStockPercent = 72;
// The lowered caseload: people on bijstand per klantmanager. Each area has a team of its
// participants x kTeamPercent % / kCaseload (rounded, at least one), which gives about
// kCaseload each with the 75-80 % of the participants on bijstand at a time from 2020 on.
constexpr int kCaseload = 125;
constexpr int kTeamPercent = 86;
// Jobhunters: a team per district, one per this many participants (at least one).
constexpr int kParticipantsPerJobhunter = 11000;
// Share of those in a trajectory who get a jobhunter once the intake is done.
constexpr int kJobhunterPercent = 35;
// Returns to bijstand after an exit, per mille (Divosa: about 14 % within half a year, 20 %
// within a year), and those who come back later still.
constexpr int kReturnHalfYear = 140;
constexpr int kReturnYear = 200;
constexpr int kReturnLater = 280;

struct AgeBand {
  int low, high, weight;
};
// Age (weights in %) on bijstand at the start of 2019 (long-term recipients are older) and at
// registration for the inflow from 2019 on; both up to the AOW age.
constexpr std::array<AgeBand, 6> kStockAges = {
    {{18, 20, 2}, {21, 26, 8}, {27, 34, 16}, {35, 44, 24}, {45, 54, 26}, {55, 66, 24}}};
constexpr std::array<AgeBand, 6> kInflowAges = {
    {{18, 20, 8}, {21, 26, 16}, {27, 34, 24}, {35, 44, 24}, {45, 54, 18}, {55, 66, 10}}};
// Years on bijstand at the start of 2019 of those already on it (weights in %).
constexpr std::array<AgeBand, 7> kYearsOnBijstand = {
    {{0, 1, 5}, {1, 2, 8}, {2, 3, 9}, {3, 5, 17}, {5, 8, 20}, {8, 12, 23}, {12, 18, 18}}};

// The AOW (state pension) age in months in force in `year` (Rijksoverheid: 65 until 2012,
// rising to 66 in 2018, 66 and 4 months in 2019-2021, 67 in 2024-2027, 67 and 3 months in
// 2028; later years keep the last known value).
int AowAgeMonths(int year) {
  constexpr std::array<int, 16> kFrom2013 = {1,  2,  3,  6,  9,  12, 16, 16,
                                             16, 19, 22, 24, 24, 24, 24, 27};
  if (year < 2013) return 65 * 12;
  const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(year - 2013), 15);
  return 65 * 12 + kFrom2013[i];
}

// --- Names -------------------------------------------------------------------------------------

constexpr std::array<const char*, 22> kInitials = {"A", "B", "C", "D", "E", "F", "G", "H",
                                                   "I", "J", "K", "L", "M", "N", "O", "P",
                                                   "R", "S", "T", "W", "Y", "Z"};
// Amsterdam's mix: Dutch, Surinamese, Moroccan, Turkish and other surnames.
constexpr std::array<const char*, 96> kSurnames = {"de Vries",     "Jansen",
                                                   "Bakker",       "Visser",
                                                   "Smit",         "Meijer",
                                                   "de Boer",      "Mulder",
                                                   "de Groot",     "Bos",
                                                   "Vos",          "Peters",
                                                   "Hendriks",     "van Leeuwen",
                                                   "Dekker",       "Brouwer",
                                                   "de Wit",       "Dijkstra",
                                                   "Smits",        "de Graaf",
                                                   "van der Meer", "van der Linden",
                                                   "Kok",          "Jacobs",
                                                   "de Haan",      "Vermeulen",
                                                   "van den Berg", "van der Heijden",
                                                   "van Dijk",     "Koster",
                                                   "Schouten",     "van Vliet",
                                                   "Prins",        "Kuipers",
                                                   "Post",         "Huisman",
                                                   "Willems",      "Kramer",
                                                   "Verhoeven",    "Hoekstra",
                                                   "Pinas",        "Kromodimedjo",
                                                   "Sewdien",      "Ramdin",
                                                   "Biharie",      "Sital",
                                                   "Wijngaarde",   "Doelwijt",
                                                   "Brunings",     "Soekhai",
                                                   "Kartosen",     "Tjon",
                                                   "Amatsaleh",    "Jhinkoe",
                                                   "Nelom",        "Venetiaan",
                                                   "el Amrani",    "Bouzid",
                                                   "el Idrissi",   "Benali",
                                                   "Haddouchi",    "el Khattabi",
                                                   "Ouahabi",      "Azzouz",
                                                   "Boukhari",     "Chaara",
                                                   "el Bakkali",   "Aarab",
                                                   "Tahiri",       "Ziani",
                                                   "Mansouri",     "Bennani",
                                                   "Yilmaz",       "Öztürk",
                                                   "Kaya",         "Demir",
                                                   "Şahin",        "Çelik",
                                                   "Yıldız",       "Aydın",
                                                   "Arslan",       "Doğan",
                                                   "Koç",          "Kurt",
                                                   "Özdemir",      "Polat",
                                                   "Erdoğan",      "Aksoy",
                                                   "Mensah",       "Boateng",
                                                   "Martina",      "Rosaria",
                                                   "Juliana",      "Pereira",
                                                   "Nguyen",       "Kowalski"};

// The name of caseworker number `index`, unique per index: "A. de Vries" first, then two
// initials ("A.M. de Vries"), then numbered. Within each form, multiplying by a number coprime
// to its size (and adding the seed) is a bijection; a multiplier near the size / the golden
// ratio spreads consecutive indices evenly over initials and surnames.
std::string CaseworkerName(std::uint64_t index, std::uint64_t seed) {
  constexpr std::uint64_t kI = kInitials.size();
  constexpr std::uint64_t kS = kSurnames.size();
  constexpr std::uint64_t kSingle = kI * kS;
  constexpr std::uint64_t kDouble = kI * kI * kS;
  constexpr std::uint64_t kSingleSpread = 1307;   // 2112 x 0.618...
  constexpr std::uint64_t kDoubleSpread = 28717;  // 46464 x 0.618...
  static_assert(std::gcd(kSingleSpread, kSingle) == 1 && std::gcd(kDoubleSpread, kDouble) == 1);
  if (index < kSingle) {
    const std::uint64_t n = (index * kSingleSpread + seed % kSingle) % kSingle;
    return fmt::format("{}. {}", kInitials[n % kI], kSurnames[n / kI]);
  }
  index -= kSingle;
  if (index < kDouble) {
    const std::uint64_t n = (index * kDoubleSpread + seed % kDouble) % kDouble;
    return fmt::format("{}.{}. {}", kInitials[n % kI], kInitials[n / kI % kI],
                       kSurnames[n / (kI * kI)]);
  }
  index -= kDouble;
  return fmt::format("{}. {} ({})", kInitials[index % kI], kSurnames[index / kI % kS],
                     index / kSingle + 2);
}

// Employers by track sector.
const std::vector<const char*>& EmployersFor(std::string_view sector) {
  static const std::vector<const char*> zorg = {
      "Zorggroep Amstelland", "Cordaan", "Amsta", "Osira Amstelring",
      "Zonnehuis Zuidoost",   "Evean"};
  static const std::vector<const char*> luchtvaart = {"Swissport Schiphol", "KLM Ground Services",
                                                      "Aviapartner",        "Asito Schiphol",
                                                      "Menzies Aviation",   "dnata Schiphol"};
  static const std::vector<const char*> haven = {"Ports of Amsterdam", "Vopak Terminal Westpoort",
                                                 "Koole Terminals", "Amsterdam Container Terminals",
                                                 "Cargill Amsterdam"};
  static const std::vector<const char*> techniek = {
      "Zon op Noord BV", "Installatiebedrijf Westpoort", "Solar Amsterdam", "Feenstra",
      "Heijmans Techniek"};
  static const std::vector<const char*> other = {"Albert Heijn Distributiecentrum",
                                                 "PostNL Amsterdam", "Hotel Okura Amsterdam",
                                                 "Gemeente Amsterdam (leerwerkplek)"};
  if (sector == "zorg") return zorg;
  if (sector == "luchtvaart") return luchtvaart;
  if (sector == "haven") return haven;
  if (sector == "techniek") return techniek;
  return other;
}

// Deterministic draws straight from mt19937_64 (the standard distributions differ per library).
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t Next() { return engine_(); }
  // Integer in [low, high]; low when high < low.
  int Between(int low, int high) {
    if (high <= low) return low;
    return low + static_cast<int>(engine_() % static_cast<std::uint64_t>(high - low + 1));
  }
  // True with probability percent / 100.
  bool Chance(int percent) { return static_cast<int>(engine_() % 100) < percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& from) {
    return from[static_cast<std::size_t>(engine_() % from.size())];
  }

 private:
  std::mt19937_64 engine_;
};

// --- The generator -----------------------------------------------------------------------------

class Generator {
 public:
  Generator(const ProgrammeCatalogue& catalogue, const DemoOptions& options,
            const std::function<Status(const Command&)>& record)
      : options_(options), record_(record), random_(options.seed), until_(DayOf(options.until)) {
    covid_stop_ = DayOf("2020-03-15");
    covid_intake_ = DayOf("2021-10-01");
    covid_recovery_ = DayOf("2022-01-03");
    inflow_from_ = DayOf("2019-01-01");
    covid_inflow_from_ = DayOf("2020-04-01");
    covid_inflow_to_ = DayOf("2021-06-30");
    statushouder_wave_ = DayOf("2015-01-01");
    kansopwerk_ = DayOf("2023-01-01");
    aow_months_ = AowAgeMonths(static_cast<int>(options.until.year()));
    Catalogue(catalogue);
    MinimumWages();
    Staff();
  }

  Result<DemoTotals> Run() {
    for (int i = 0; i < options_.participants; ++i) {
      if (Status s = Participant(i); !s.ok()) return s;
      if (Status s = Flush(); !s.ok()) return s;
      if (Status s = CheckIns(i); !s.ok()) return s;
    }
    return totals_;
  }

 private:
  struct TrackInfo {
    const TrackDefinition* track = nullptr;
    std::vector<std::vector<int>> after;  // per milestone: indices of the milestones it needs
    std::vector<int> anchor;              // per milestone: its deadline's anchor; -1: the start
    int last_required = 0;                // a placement may start once this one is reached
    bool aviation = false;
    const std::vector<const char*>* employers = nullptr;
  };
  struct ProgrammeInfo {
    const ProgrammeDefinition* programme = nullptr;
    std::vector<TrackInfo> tracks;
    bool aviation = false;  // has an aviation track (hiring stopped in 2020-2021)
  };
  struct Holder {  // one klantmanager holding a place in an area team from `from` on
    Day from;
    std::uint32_t name;
  };
  struct AreaInfo {
    Day cohort_start = 0;
    std::string cohort;
    std::vector<const ProgrammeInfo*> plans;  // the area plans recruiting here
    std::vector<std::vector<Holder>> team;    // per place: its holders, in order
  };

  // --- Set-up: drawn from streams of their own, before any participant ------------------------

  void Catalogue(const ProgrammeCatalogue& catalogue) {
    const std::vector<const ProgrammeDefinition*> all = catalogue.All();
    programmes_.reserve(all.size());
    for (const ProgrammeDefinition* p : all) {
      ProgrammeInfo info;
      info.programme = p;
      for (const TrackDefinition& track : p->tracks) {
        TrackInfo t;
        t.track = &track;
        auto index = [&](std::string_view id) {
          for (std::size_t i = 0; i < track.milestones.size(); ++i) {
            if (track.milestones[i].id == id) return static_cast<int>(i);
          }
          return -1;
        };
        for (std::size_t i = 0; i < track.milestones.size(); ++i) {
          const MilestoneDefinition& m = track.milestones[i];
          std::vector<int> after;
          for (const std::string& a : m.after) {
            if (int j = index(a); j >= 0) after.push_back(j);
          }
          t.after.push_back(std::move(after));
          t.anchor.push_back(m.deadline && !m.deadline->anchor.empty() ? index(m.deadline->anchor)
                                                                       : -1);
          if (m.required_for_placement) t.last_required = static_cast<int>(i);
        }
        t.aviation = track.sector == "luchtvaart";
        t.employers = &EmployersFor(track.sector);
        info.aviation = info.aviation || t.aviation;
        info.tracks.push_back(std::move(t));
      }
      programmes_.push_back(std::move(info));
    }
    for (const ProgrammeInfo& p : programmes_) {
      all_.push_back(&p);
      if (!p.aviation) grounded_.push_back(&p);
    }
    for (std::size_t a = 0; a < kAreas.size(); ++a) {
      AreaInfo& area = areas_[a];
      area.cohort_start = DayOf(kAreas[a].cohort_start);
      area.cohort = fmt::format("{} {}", std::string_view(kAreas[a].cohort_start).substr(0, 7),
                                kAreas[a].name);
      for (const ProgrammeInfo& p : programmes_) {
        for (const char* plan : kDistrictPlans[kAreas[a].district]) {
          if (plan && p.programme->area == plan) {
            area.plans.push_back(&p);
            break;
          }
        }
      }
    }
  }

  // The statutory minimum wage steps, from the library's parameters: the monthly WML until
  // 2023, the hourly WML from 2024.
  void MinimumWages() {
    const ParameterSet& parameters = BuiltinParameters();
    const ParameterSeries* hourly = parameters.Find(param::kWmlHourly);
    const Day hourly_from =
        hourly && !hourly->values.empty() ? DayOf(hourly->values.front().from) : kNever;
    if (const ParameterSeries* monthly = parameters.Find(param::kWmlMonthly)) {
      for (const ParameterValue& v : monthly->values) {
        if (DayOf(v.from) < hourly_from) wml_.push_back({DayOf(v.from), false, v.value});
      }
    }
    if (hourly) {
      for (const ParameterValue& v : hourly->values) wml_.push_back({DayOf(v.from), true, v.value});
    }
  }

  // The area teams of klantmanagers (each place held by one klantmanager after another: some
  // leave, and their caseload is shared out) and the district teams of jobhunters.
  void Staff() {
    Random staff(options_.seed * 0x9E3779B97F4A7C15ull + 0x6b6d);
    std::uint64_t next_name = 0;
    auto name = [&] {
      names_.push_back(CaseworkerName(next_name++, options_.seed));
      return static_cast<std::uint32_t>(names_.size() - 1);
    };
    const int n = options_.participants;
    for (std::size_t a = 0; a < kAreas.size(); ++a) {
      const int in_area = n / 22 + (static_cast<int>(a) < n % 22 ? 1 : 0);
      const int places = std::max(1, (in_area * kTeamPercent / 100 + kCaseload / 2) / kCaseload);
      AreaInfo& area = areas_[a];
      area.team.resize(static_cast<std::size_t>(places));
      for (std::vector<Holder>& place : area.team) {
        Day from = area.cohort_start;
        place.push_back({from, name()});
        from += staff.Between(300, 3000);
        while (from <= until_) {
          place.push_back({from, name()});
          from += staff.Between(700, 3600);
        }
      }
    }
    const int per_district =
        std::max(1, (n + kParticipantsPerJobhunter / 2) / kParticipantsPerJobhunter);
    for (std::vector<std::uint32_t>& team : jobhunters_) {
      for (int j = 0; j < per_district; ++j) team.push_back(name());
    }
  }

  // --- One participant ---------------------------------------------------------------------------

  struct Pending {
    Day day;
    Command command;
  };
  template <typename T>
  void Add(Day day, T command) {
    events_.push_back(Pending{day, Command(std::move(command))});
  }

  // What the rest of a trajectory's story needs to know.
  struct Outcome {
    Day final = kNever;  // afgebroken or terugval on this day
    Day exit = kNever;   // uitgestroomd
    Day back = kNever;   // terugval: back on bijstand
    Day first_placement = kNever;
  };

  Status Participant(int index) {
    events_.clear();
    periods_.clear();
    local_trajectories_ = 0;
    local_placements_ = 0;
    spoken_.reset();
    const std::size_t area_index = static_cast<std::size_t>(index) % kAreas.size();
    const Area& area = kAreas[area_index];
    const AreaInfo& info = areas_[area_index];
    district_ = area.district;
    const Day cohort = info.cohort_start;

    // On bijstand before 2019 (registered years back for the long-term recipients), or
    // flowing in from 2019 on: steadily, more in the first COVID year.
    const bool inflow = until_ > inflow_from_ + 60 && !random_.Chance(kStockPercent);
    Day registered = 0;
    Day reference = std::min(inflow_from_, until_);
    if (inflow) {
      registered = random_.Between(inflow_from_, until_);
      if ((registered < covid_inflow_from_ || registered > covid_inflow_to_) &&
          random_.Chance(35)) {
        registered = random_.Between(inflow_from_, until_);
      }
      reference = registered;
    }
    const Day birth = Birth(reference, inflow ? kInflowAges : kStockAges);
    if (!inflow) registered = StockRegistration(reference, birth);

    ParticipantRegistered r;
    ref_ = fmt::format("P{:06}", index + 1);
    r.ref = ref_;
    r.birth = DateOf(birth);
    r.area = area.name;
    // Whoever is on bijstand when the cohortaanpak reaches the area is in its cohort.
    const bool in_cohort = registered < cohort;
    if (in_cohort) r.cohort = info.cohort;
    if (random_.Chance(registered >= statushouder_wave_ ? 16 : 4)) {
      r.groups.push_back(TargetGroup::kStatushouder);
    }
    r.registered = DateOf(registered);
    r.bsn_verified = random_.Chance(90);
    Add(registered, std::move(r));

    // The area team takes over the cohort when it starts and invites everyone in it within a
    // year; who comes later is assigned and invited on application.
    const Day assigned = in_cohort ? cohort : registered;
    periods_.push_back({assigned, kNever});
    const Day invited =
        in_cohort ? cohort + random_.Between(0, 330) : registered + random_.Between(0, 10);
    Add(invited, ContactRecorded{ref_, ContactKind::kInvited, DateOf(invited)});
    Day conversation = invited + random_.Between(7, 60);
    bool spoken = true;
    if (random_.Chance(18)) {
      const Day silence = invited + random_.Between(21, 35);
      Add(silence, ContactRecorded{ref_, ContactKind::kNoResponse, DateOf(silence)});
      spoken = random_.Chance(45);
      if (spoken) {
        const Day visit = invited + random_.Between(40, 80);
        Add(visit, ContactRecorded{ref_, ContactKind::kHomeVisit, DateOf(visit)});
        conversation = invited + random_.Between(85, 120);
      }
    }
    if (spoken) {
      Add(conversation, ContactRecorded{ref_, ContactKind::kConversation, DateOf(conversation)});
      spoken_ = conversation;
      // Uptake: higher where an area plan recruits, for new inflow (intensive guidance at
      // application) and for young people, lower for 50-plussers.
      const int age = AgeOn(DateOf(birth), DateOf(conversation));
      int chance = (info.plans.empty() ? 20 : 46) + (in_cohort ? 0 : 10);
      if (age < 27) chance += 5;
      if (age >= 50) chance -= 8;
      Day next = kNever;
      if (random_.Chance(chance)) {
        next = conversation +
               (random_.Chance(75) ? random_.Between(3, 120) : random_.Between(121, 720));
      } else {
        // Later offers to those still on bijstand: some a year, more with Iedereen Kans op
        // Werk (from 2023).
        for (Day year = conversation + 365; year <= until_; year += 365) {
          if (random_.Chance((year >= kansopwerk_ ? 12 : 7) - (info.plans.empty() ? 4 : 0))) {
            next = year + random_.Between(0, 364);
            break;
          }
        }
      }
      for (int k = 0; next != kNever && k < 3; ++k) {
        const Outcome out = Trajectory(info, next);
        next = kNever;
        if (out.exit != kNever) {
          periods_.back().second = out.exit;
          if (out.back == kNever) break;
          periods_.push_back({out.back, kNever});
          if (random_.Chance(35)) next = out.back + random_.Between(60, 360);
        } else if (out.final != kNever && random_.Chance(25)) {
          next = out.final + random_.Between(60, 360);
        }
      }
    }
    Klantmanagers(info, index / static_cast<int>(kAreas.size()));
    return Status::OK();
  }

  // A birth day giving an age from `bands` on `reference`, young enough to stay below the AOW
  // age up to the end date (traject records leaving bijstand only through a trajectory, so
  // nobody in the demo reaches the AOW age while on bijstand); at least 18 on `reference`.
  Day Birth(Day reference, const std::array<AgeBand, 6>& bands) {
    const Day adult_by = PlusMonths(reference, -18 * 12);
    for (int attempt = 0; attempt < 4; ++attempt) {
      int pick = random_.Between(0, 99);
      std::size_t b = 0;
      while (b + 1 < bands.size() && pick >= bands[b].weight) pick -= bands[b++].weight;
      const int age = random_.Between(bands[b].low, bands[b].high);
      const Day birth = PlusMonths(reference, -12 * age) - random_.Between(0, 364);
      if (BelowAowAge(birth)) return std::min(birth, adult_by);
    }
    Day birth = PlusMonths(until_, -aow_months_) + random_.Between(2, 3650);
    while (!BelowAowAge(birth)) ++birth;
    return std::min(birth, adult_by);
  }

  bool BelowAowAge(Day birth) const { return PlusMonths(birth, aow_months_) > until_; }

  // Registration of someone on bijstand on `reference`: years back for the long-term
  // recipients, never before they were 18.
  Day StockRegistration(Day reference, Day birth) {
    int pick = random_.Between(0, 99);
    std::size_t b = 0;
    while (b + 1 < kYearsOnBijstand.size() && pick >= kYearsOnBijstand[b].weight) {
      pick -= kYearsOnBijstand[b++].weight;
    }
    Day registered = reference - random_.Between(kYearsOnBijstand[b].low * 365,
                                                 kYearsOnBijstand[b].high * 365 - 1);
    const Day adult = PlusMonths(birth, 18 * 12);
    if (registered < adult) registered = random_.Between(adult, reference);
    return registered;
  }

  // A programme for a trajectory starting on `*start`: mostly the area's own plan (when
  // loaded), otherwise any. Aviation took almost nobody new from the COVID stop until autumn
  // 2021: most of those it would have taken wait for it (a later `*start`), some go elsewhere.
  const ProgrammeInfo& ProgrammeFor(const AreaInfo& area, Day* start) {
    const ProgrammeInfo* pick =
        !area.plans.empty() && random_.Chance(94) ? random_.Pick(area.plans) : random_.Pick(all_);
    if (pick->aviation && *start >= covid_stop_ && *start < covid_intake_) {
      const int u = random_.Between(0, 99);
      if (u < 40 && !grounded_.empty()) {
        pick = random_.Pick(grounded_);  // another plan
      } else if (u < 85) {
        *start = covid_intake_ + random_.Between(0, 240);  // waits for aviation to hire again
      }
    }
    return *pick;
  }

  // A milestone's day: after `base`, mostly by its deadline `due`, sometimes late.
  Day MilestoneDay(Day base, Day due) {
    if (due == kNever) return base + random_.Between(14, 90);
    if (random_.Chance(82)) return random_.Between(base + 3, std::max(base + 4, due));
    return std::max(base, due) + random_.Between(1, 75);
  }

  // Exit on `day` from a trajectory in intake, in-leerwerk or geplaatst, and the return to
  // bijstand that may follow.
  void Exit(int t, Day day, ExitReason reason, const char* text, Outcome* out) {
    Add(day,
        TrajectoryStateChanged{t, {}, TrajectoryState::kUitgestroomd, DateOf(day), text, reason});
    out->exit = day;
    const Day back = ReturnDay(day);
    if (back != kNever) Back(t, back, out);
  }

  void Back(int t, Day back, Outcome* out) {
    Add(back,
        TrajectoryStateChanged{t, {}, TrajectoryState::kTerugval, DateOf(back), "", std::nullopt});
    out->back = back;
    out->final = back;
  }

  void Stop(int t, Day day, const char* reason, Outcome* out) {
    Add(day, TrajectoryStateChanged{
                 t, {}, TrajectoryState::kAfgebroken, DateOf(day), reason, std::nullopt});
    out->final = day;
  }

  Day ReturnDay(Day exit) {
    const int u = random_.Between(0, 999);
    if (u < kReturnHalfYear) return exit + random_.Between(21, 175);
    if (u < kReturnYear) return exit + random_.Between(190, 355);
    if (u < kReturnLater) return exit + random_.Between(380, 900);
    return kNever;
  }

  Outcome Trajectory(const AreaInfo& area, Day start) {
    static constexpr std::array<const char*, 5> kDropouts = {
        "uitval: gezondheid", "uitval: zorgtaken", "uitval: schulden", "niet gemotiveerd",
        "verhuisd buiten Amsterdam"};
    const ProgrammeInfo& programme = ProgrammeFor(area, &start);
    const TrackInfo& info =
        programme.tracks[static_cast<std::size_t>(random_.Next() % programme.tracks.size())];
    const TrackDefinition& track = *info.track;
    const int t = ++local_trajectories_;
    Add(start, TrajectoryStarted{t, ref_, programme.programme->id, track.id, DateOf(start)});
    Outcome out;
    TrajectoryState state = TrajectoryState::kAangemeld;
    reached_.assign(track.milestones.size(), kNever);
    Day prev = start;
    Day jobhunter = kNever;
    bool placed = false;  // the placement phase has begun (whether or not placed)
    bool chain_open = true;
    for (std::size_t i = 0; i < track.milestones.size() && chain_open; ++i) {
      const MilestoneDefinition& m = track.milestones[i];
      Day base = prev;
      for (int j : info.after[i]) base = std::max(base, reached_[static_cast<std::size_t>(j)]);
      if (placed) base = std::max(base, out.first_placement);
      Day due = kNever;
      if (m.deadline) {
        const int anchor = info.anchor[i];
        const Day from = anchor < 0 ? start : reached_[static_cast<std::size_t>(anchor)];
        if (from != kNever) due = from + m.deadline->days;
      }
      const Day day = MilestoneDay(base, due);
      if (!placed) {
        // Before the placement: some drop out, stall, or leave bijstand another way.
        const int u = random_.Between(0, 999);
        const bool started = state != TrajectoryState::kAangemeld;
        if (i == 0 && u < 80) {
          Stop(t, start + random_.Between(14, 45), "niet verschenen op de intake", &out);
          chain_open = false;
          break;
        }
        if (i > 0 && u < 40) {
          Stop(t, random_.Between(base + 1, day), kDropouts[static_cast<std::size_t>(u % 5)], &out);
          chain_open = false;
          break;
        }
        if (i > 0 && u < 60) {  // stalls; the klantmanager mostly closes it later
          if (random_.Chance(85)) {
            Stop(t, day + random_.Between(120, 480), "geen contact meer, dossier gesloten", &out);
          }
          chain_open = false;
          break;
        }
        if (started && u >= 60 && u < 100) {
          Exit(t, random_.Between(base + 1, day), ExitReason::kWork,
               "baan gevonden buiten het traject", &out);
          chain_open = false;
          break;
        }
        if (started && u >= 100 && u < 115) {
          Exit(t, random_.Between(base + 1, day), ExitReason::kOther, "ander inkomen of verhuisd",
               &out);
          chain_open = false;
          break;
        }
        if (state == TrajectoryState::kInLeerwerk && u >= 115 && u < 170) {
          Exit(t, random_.Between(base + 1, day), ExitReason::kEducation,
               "voltijdopleiding met studiefinanciering", &out);
          chain_open = false;
          break;
        }
      } else {
        // During and after the placement: the learning goes on (BBL) until the trajectory
        // ends; some never finish.
        if (day >= out.final || random_.Chance(12)) break;
      }
      if (m.enters && *m.enters > state) {
        if (!IsLegalTransition(state, *m.enters)) {  // a track this demo cannot follow
          chain_open = false;
          break;
        }
        state = *m.enters;
      }
      Add(day,
          MilestoneReached{t, m.id, DateOf(day), m.evidence.empty() ? "" : m.evidence.front()});
      reached_[i] = day;
      prev = day;
      if (i == 0 && state != TrajectoryState::kAangemeld && random_.Chance(kJobhunterPercent)) {
        jobhunter = day + random_.Between(3, 20);
      }
      if (!placed && static_cast<int>(i) == info.last_required &&
          IsLegalTransition(state, TrajectoryState::kGeplaatst) && random_.Chance(80)) {
        placed = true;
        chain_open = Placement(t, info, day + random_.Between(7, 60), 0, &state, &out);
      }
    }
    if (!placed && out.final == kNever && out.exit == kNever && chain_open &&
        state != TrajectoryState::kAangemeld) {
      // The track is done without a placement yet.
      const int u = random_.Between(0, 99);
      if (u < 45 && IsLegalTransition(state, TrajectoryState::kGeplaatst)) {
        Placement(t, info, prev + random_.Between(14, 90), 0, &state, &out);
      } else if (u < 65) {
        Exit(t, prev + random_.Between(30, 200), ExitReason::kWork,
             "baan gevonden buiten het traject", &out);
      } else if (u < 80) {
        Stop(t, prev + random_.Between(60, 300), "geen passende baan gevonden", &out);
      }
    }
    if (jobhunter != kNever) Jobhunter(jobhunter, out);
    return out;
  }

  // Records a placement from `start` and its course; returns false when the trajectory ended
  // before it began (no more milestones).
  bool Placement(int t, const TrackInfo& info, Day start, int depth, TrajectoryState* state,
                 Outcome* out) {
    if (info.aviation && start >= covid_stop_ && start < covid_recovery_) {
      // COVID-19: aviation stopped hiring; most wait for the recovery in 2022.
      const int u = random_.Between(0, 99);
      if (u >= 70) {
        Stop(t, start, "geen vacatures in de luchtvaart (COVID-19)", out);
        return false;
      }
      if (u >= 15) start = covid_recovery_ + random_.Between(0, 150);
    }
    const int p = ++local_placements_;
    const int u = random_.Between(0, 99);
    static constexpr std::array<int, 3> kFull = {36, 38, 40};
    const int hours = u < 5    ? 8
                      : u < 25 ? 12 + 4 * random_.Between(0, 2)
                      : u < 65 ? 24 + 4 * random_.Between(0, 2)
                               : kFull[static_cast<std::size_t>(random_.Between(0, 2))];
    const Cents wage = Wage(start, hours);
    Add(start,
        PlacementStarted{p, t, random_.Pick(*info.employers), hours * 100, wage, DateOf(start)});
    *state = TrajectoryState::kGeplaatst;
    out->first_placement = std::min(out->first_placement, start);

    // The course, decided first and recorded in date order.
    Day exit = kNever;
    if (hours >= 24 ? random_.Chance(78) : random_.Chance(22)) {
      exit = start + (hours >= 24 ? random_.Between(30, 200) : random_.Between(120, 420));
    }
    Day end = kNever;
    const char* why = "contract beëindigd";
    if (random_.Chance(20)) {
      const Day early = start + random_.Between(30, 300);
      if (early < exit) end = early;
    }
    if (info.aviation && start < covid_stop_ && end == kNever && random_.Chance(40)) {
      const Day layoff = covid_stop_ + random_.Between(1, 100);
      if (layoff < exit) {
        end = layoff;
        why = "contract niet verlengd (COVID-19)";
      }
    }
    if (end != kNever) exit = kNever;
    if (end == kNever && exit == kNever && random_.Chance(30)) {
      end = start + random_.Between(200, 700);  // part-time work on bijstand that stopped
      why = "contract afgelopen";
    }
    bool learning_on = true;
    if (exit != kNever) {
      const Day back = ReturnDay(exit);
      if (back != kNever) {
        end = std::max(exit, back - random_.Between(1, 25));
      } else if (random_.Chance(35)) {
        end = std::max(exit + 30, start + random_.Between(240, 900));
        why = "andere baan gevonden";
      }
      Assessments(p, start, end);
      if (end != kNever) Add(end, PlacementEnded{p, DateOf(end), why});
      Add(exit, TrajectoryStateChanged{
                    t, {}, TrajectoryState::kUitgestroomd, DateOf(exit), "", ExitReason::kWork});
      out->exit = exit;
      *state = TrajectoryState::kUitgestroomd;
      if (back != kNever) Back(t, back, out);
    } else {
      Assessments(p, start, end);
      if (end != kNever) {
        Add(end, PlacementEnded{p, DateOf(end), why});
        if (random_.Chance(50)) {
          Stop(t, end + 1, "baan verloren", out);
          learning_on = false;
        } else {
          Add(end + 1, TrajectoryStateChanged{t,
                                              {},
                                              TrajectoryState::kInLeerwerk,
                                              DateOf(end + 1),
                                              "terug naar leren",
                                              std::nullopt});
          *state = TrajectoryState::kInLeerwerk;
          if (depth == 0 && random_.Chance(40)) {
            learning_on = Placement(t, info, end + random_.Between(30, 150), depth + 1, state, out);
          }
        }
      }
    }
    return learning_on;
  }

  // Loonwaarde assessments within the placement (up to `end`): most within the six months of
  // the forfait, some at full loonwaarde (no subsidy), some late or never.
  void Assessments(int p, Day start, Day end) {
    const int u = random_.Between(0, 99);
    auto assess = [&](Day day, int percent) {
      if (day <= end) Add(day, LoonwaardeAssessed{p, DateOf(day), percent});
    };
    if (u < 20) {
      assess(start + random_.Between(1, 60), 100);
    } else if (u < 85) {
      const Day first = start + random_.Between(20, 150);
      const int percent = 30 + 5 * random_.Between(0, 12);
      assess(first, percent);
      if (random_.Chance(35)) {
        assess(first + random_.Between(180, 420),
               std::min(100, percent + 5 * random_.Between(1, 4)));
      }
    } else if (u < 93) {
      assess(start + random_.Between(190, 330), 30 + 5 * random_.Between(0, 10));
    }
  }

  // The gross monthly wage of a placement starting on `day`: at least the statutory minimum for
  // the hours (before 2024 the monthly WML x hours / 36, from 2024 the hourly WML x hours x
  // 52 / 12), up to 22 % above it.
  Cents Wage(Day day, int hours) {
    Cents minimum = 250000 * hours / 36;
    const WmlStep* step = nullptr;
    for (const WmlStep& s : wml_) {
      if (s.from <= day || !step) step = &s;
      if (s.from > day) break;
    }
    if (step) {
      minimum =
          step->hourly ? (step->value * hours * 52 + 11) / 12 : (step->value * hours + 35) / 36;
    }
    return (minimum * (100 + random_.Between(0, 22)) + 99) / 100;
  }

  // A jobhunter of the district from `from` until the first placement or the end of the
  // trajectory.
  void Jobhunter(Day from, const Outcome& out) {
    Day until = std::min({out.final, out.exit});
    if (out.first_placement != kNever) {
      until = std::min(until, out.first_placement + random_.Between(0, 14));
    }
    if (from >= until) return;
    const std::string& name = names_[random_.Pick(jobhunters_[district_])];
    Add(from, CaseworkerAssigned{ref_, CaseworkerRole::kJobhunter, name, DateOf(from)});
    if (until != kNever) {
      Add(until,
          CaseworkerUnassigned{ref_, CaseworkerRole::kJobhunter, DateOf(until),
                               out.first_placement <= until ? "geplaatst" : "traject beëindigd"});
    }
  }

  // The klantmanagers of each period on bijstand: a place in the area team; when its holder
  // leaves, the caseload is shared out over the team. The case closes some weeks after an exit
  // (unless the participant is back by then) and reopens on return.
  void Klantmanagers(const AreaInfo& area, int ordinal) {
    const int places = static_cast<int>(area.team.size());
    bool first = true;
    std::size_t i = 0;
    while (i < periods_.size()) {
      const Day from = periods_[i].first;
      Day close = kNever;
      while (i < periods_.size()) {
        close =
            periods_[i].second == kNever ? kNever : periods_[i].second + random_.Between(14, 45);
        if (i + 1 < periods_.size() && periods_[i + 1].first < close) {
          ++i;
          continue;
        }
        break;
      }
      ++i;
      // Newcomers are spread evenly over the team, returners go to anyone in it.
      std::size_t place =
          static_cast<std::size_t>(first ? ordinal % places : random_.Between(0, places - 1));
      first = false;
      std::size_t holder = HolderOn(area.team[place], from);
      Add(from, CaseworkerAssigned{ref_, CaseworkerRole::kKlantmanager,
                                   names_[area.team[place][holder].name], DateOf(from)});
      while (holder + 1 < area.team[place].size()) {
        const Day leaves = area.team[place][holder + 1].from;
        if (leaves >= close || leaves > until_) break;
        // Mostly the successor takes the case over; some go to colleagues.
        if (!random_.Chance(70)) place = static_cast<std::size_t>(random_.Between(0, places - 1));
        holder = HolderOn(area.team[place], leaves);
        Add(leaves, CaseworkerAssigned{ref_, CaseworkerRole::kKlantmanager,
                                       names_[area.team[place][holder].name], DateOf(leaves)});
      }
      if (close != kNever) {
        Add(close, CaseworkerUnassigned{ref_, CaseworkerRole::kKlantmanager, DateOf(close),
                                        "uitkering beëindigd na uitstroom"});
      }
    }
  }

  static std::size_t HolderOn(const std::vector<Holder>& place, Day day) {
    std::size_t h = 0;
    while (h + 1 < place.size() && place[h + 1].from <= day) ++h;
    return h;
  }

  // Records the participant's story in date order (the order of generation within a day), up
  // to the end date, with the store's ids for trajectories and placements.
  Status Flush() {
    order_.resize(events_.size());
    std::iota(order_.begin(), order_.end(), 0);
    std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
      return events_[a].day != events_[b].day ? events_[a].day < events_[b].day : a < b;
    });
    trajectory_ids_.assign(static_cast<std::size_t>(local_trajectories_) + 1, 0);
    placement_ids_.assign(static_cast<std::size_t>(local_placements_) + 1, 0);
    for (std::size_t i : order_) {
      Pending& pending = events_[i];
      if (pending.day > until_) break;
      std::visit([&](auto& c) { Complete(c); }, pending.command);
      if (Status s = record_(pending.command); !s.ok()) return s;
      ++totals_.commands;
    }
    return Status::OK();
  }

  std::int64_t& TrajectoryId(std::int64_t local) {
    return trajectory_ids_[static_cast<std::size_t>(local)];
  }
  std::int64_t& PlacementId(std::int64_t local) {
    return placement_ids_[static_cast<std::size_t>(local)];
  }

  template <typename T>
  void Complete(T& command) {
    if constexpr (std::is_same_v<T, ParticipantRegistered>) {
      ++totals_.participants;
    } else if constexpr (std::is_same_v<T, TrajectoryStarted>) {
      TrajectoryId(command.trajectory_id) = ++next_trajectory_;
      command.trajectory_id = next_trajectory_;
      ++totals_.trajectories;
    } else if constexpr (std::is_same_v<T, TrajectoryStateChanged>) {
      command.trajectory_id = TrajectoryId(command.trajectory_id);
      if (command.to == TrajectoryState::kUitgestroomd &&
          command.exit_reason == ExitReason::kWork) {
        ++totals_.exits;
      }
      if (command.to == TrajectoryState::kTerugval) ++totals_.returns;
    } else if constexpr (std::is_same_v<T, MilestoneReached>) {
      command.trajectory_id = TrajectoryId(command.trajectory_id);
    } else if constexpr (std::is_same_v<T, PlacementStarted>) {
      command.trajectory_id = TrajectoryId(command.trajectory_id);
      PlacementId(command.placement_id) = ++next_placement_;
      command.placement_id = next_placement_;
      ++totals_.placements;
    } else if constexpr (std::is_same_v<T, PlacementEnded> ||
                         std::is_same_v<T, LoonwaardeAssessed>) {
      command.placement_id = PlacementId(command.placement_id);
    }
  }

  // The klantmanager's check-in conversations with someone spoken to, about
  // options_.check_ins_per_year a year from the first conversation while they are on bijstand,
  // up to the end date. Drawn from a stream of their own (per participant), so that the rest of
  // the data set is the same whatever the number of check-ins.
  Status CheckIns(int index) {
    if (!spoken_ || options_.check_ins_per_year <= 0) return Status::OK();
    Random random(options_.seed * 1'000'003 + static_cast<std::uint64_t>(index));
    const int gap = 365 / options_.check_ins_per_year;
    std::size_t period = 0;
    for (Day day = *spoken_ + random.Between(gap / 2, gap * 3 / 2); day <= until_;
         day += random.Between(gap / 2, gap * 3 / 2)) {
      while (period < periods_.size() && periods_[period].second <= day) ++period;
      if (period == periods_.size()) return Status::OK();  // off bijstand for good
      if (day < periods_[period].first) continue;          // off bijstand for now
      if (Status s = record_(ContactRecorded{ref_, ContactKind::kConversation, DateOf(day)});
          !s.ok()) {
        return s;
      }
      ++totals_.commands;
      ++totals_.check_ins;
    }
    return Status::OK();
  }

  struct WmlStep {
    Day from;
    bool hourly;
    Cents value;
  };

  const DemoOptions& options_;
  const std::function<Status(const Command&)>& record_;
  Random random_;
  const Day until_;
  Day covid_stop_ = 0, covid_intake_ = 0, covid_recovery_ = 0;
  Day inflow_from_ = 0, covid_inflow_from_ = 0, covid_inflow_to_ = 0, statushouder_wave_ = 0,
      kansopwerk_ = 0;
  int aow_months_ = 0;
  std::vector<ProgrammeInfo> programmes_;
  std::vector<const ProgrammeInfo*> all_;
  std::vector<const ProgrammeInfo*> grounded_;  // without aviation tracks
  std::array<AreaInfo, kAreas.size()> areas_;
  std::vector<std::string> names_;  // klantmanagers, then jobhunters
  std::array<std::vector<std::uint32_t>, kDistricts> jobhunters_;
  std::vector<WmlStep> wml_;
  DemoTotals totals_;
  std::int64_t next_trajectory_ = 0;
  std::int64_t next_placement_ = 0;
  // The participant being generated.
  std::string ref_;
  District district_ = kCentrum;
  std::optional<Day> spoken_;
  std::vector<std::pair<Day, Day>> periods_;  // on bijstand: [from, until), kNever: still on
  std::vector<Pending> events_;
  std::vector<std::size_t> order_;
  std::vector<Day> reached_;
  int local_trajectories_ = 0;
  int local_placements_ = 0;
  std::vector<std::int64_t> trajectory_ids_;
  std::vector<std::int64_t> placement_ids_;
};

}  // namespace

Status CheckDemoOptions(const DemoOptions& options) {
  if (options.participants < 1 || options.participants > 1000000) {
    return Status::InvalidArgument("--participants must be 1..1000000");
  }
  if (options.check_ins_per_year < 0 || options.check_ins_per_year > 52) {
    return Status::InvalidArgument("--check-ins must be 0..52");
  }
  if (!options.until.ok() || options.until.year() < std::chrono::year{2000} ||
      options.until.year() > std::chrono::year{2199}) {
    return Status::InvalidArgument("the demo's end date (--as-of) must be in 2000..2199");
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
