// Tenant isolation, attacked (issue #11, item 1; docs/security.md): two organisations share one
// database, with the same participant references and the same trajectory and placement ids, and
// a store opened for one of them tries every public entry point of libtraject — every Store
// method and every free function that takes a Store& — against the other's data.
//
// How a leak would show:
//   1. Before and after. Organisation A's data is written first and every read entry point's
//      answer on A's store is kept; then B's data goes in, and every answer must be exactly the
//      same (a count, a report row, an export that took B in would differ). Then A attacks B
//      (writes naming B's references and ids, corrections, an import, a rebuild) and every
//      answer on B's store must be exactly what it was before.
//   2. The other's data. Every answer on A's store is searched for what only B holds, as read
//      from B's own store (its references, areas, names, employers, evidence, BSN hash, audit
//      link), and for B's event sequence numbers; and the same the other way round.
//   3. Each attack names something only B has (a reference, trajectory 3, placement 2, B's BSN)
//      and must fail with NotFound; a write naming an id both have changes A's alone.
//
// A new entry point is one more line in ReadEntryPoints() (reads) or WriteAttacks() (writes).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "testutil.h"
#include "traject/exchange.h"
#include "traject/participant_rights.h"
#include "traject/reports.h"

namespace traject {
namespace {

using test::D;

const std::string kKey(40, 'k');
constexpr const char* kBsnA = "111222333";  // both pass the elfproef
constexpr const char* kBsnB = "123456782";

// What makes one organisation's data its own: every free-text value carries its word.
struct Tenant {
  std::string org;
  std::string word;                 // in every text: areas, names, employers, evidence, reasons
  std::string bsn;                  // P-1's
  std::vector<std::string> extras;  // references only this organisation has
  bool more = false;                // the first extra gets trajectory 3 and placement 2
};

const Tenant kA{"org-a", "Amstel", kBsnA, {"A-9"}, false};
const Tenant kB{"org-b", "Beemster", kBsnB, {"B-7", "B-8"}, true};

std::unique_ptr<Store> Open(const std::string& location, const std::string& org) {
  StoreOptions options;
  options.catalogue = &test::TestCatalogue();
  options.clock_ms = [] { return test::kTestClockMs; };
  options.actor = "tester-" + org;
  options.organisation = org;
  options.create_organisation = !org.empty();
  options.organisation_name = "Gemeente " + org;
  options.bsn_key = kKey;
  options.audit_key = std::string(40, 'a');
  Result<std::unique_ptr<Store>> store = Store::Open(location, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

// The same story in each organisation, so that references and ids overlap: P-1 and P-2 get
// trajectories 1 and 2 and P-1 placement 1 in both. B has more: B-7 with trajectory 3 and
// placement 2, which A does not have.
void WriteStory(Store& store, const Tenant& t) {
  const auto km = CaseworkerRole::kKlantmanager;
  const std::string w = t.word;
  auto record = [&](const Command& c) {
    Result<Recorded> r = store.Record(c);
    ASSERT_TRUE(r.ok()) << t.org << ": " << r.status().ToString();
  };
  ParticipantRegistered p1{"P-1", D("1985-03-04"), w + "-Noord", w + "-cohort",
                           {},    D("2024-01-02"), false};
  p1.bsn = t.bsn;
  record(p1);
  record(ParticipantRegistered{"P-2",
                               D("1990-07-08"),
                               w + "-Zuid",
                               "",
                               {TargetGroup::kStatushouder},
                               D("2024-01-05"),
                               false});
  for (const std::string& ref : t.extras) {
    record(
        ParticipantRegistered{ref, D("1980-01-01"), w + "-Oost", "", {}, D("2024-01-03"), false});
  }
  record(CaseworkerAssigned{"P-1", km, "K. " + w, D("2024-01-03")});
  record(CaseworkerAssigned{"P-2", CaseworkerRole::kJobhunter, "J. " + w, D("2024-01-06")});
  record(ContactRecorded{"P-1", ContactKind::kInvited, D("2024-01-04")});
  record(ContactRecorded{"P-1", ContactKind::kConversation, D("2024-01-05")});
  record(TrajectoryStarted{0, "P-1", "test-plan", "zorg", D("2024-01-08")});
  record(MilestoneReached{1, "intake", D("2024-01-15"), "intake " + w});
  record(MilestoneReached{1, "vog", D("2024-01-20"), "VOG " + w});
  record(PlacementStarted{0, 1, "Zorg " + w, 3600, 240000, D("2024-02-01")});
  record(LoonwaardeAssessed{1, D("2024-03-01"), 45});
  record(TrajectoryStarted{0, "P-2", "test-plan", "zorg", D("2024-02-01")});
  record(MilestoneReached{2, "intake", D("2024-02-10"), ""});
  record(ParticipantChanged{"P-2", D("2024-03-01"), w + "-West", std::nullopt, std::nullopt,
                            std::nullopt, "verhuisd " + w});
  if (t.more) {
    const std::string& ref = t.extras.front();
    record(CaseworkerAssigned{ref, km, "K. " + w + " 2", D("2024-01-04")});
    record(TrajectoryStarted{0, ref, "test-plan", "zorg", D("2024-01-10")});
    record(MilestoneReached{3, "intake", D("2024-01-20"), "intake " + w + " 3"});
    record(MilestoneReached{3, "vog", D("2024-01-25"), "VOG " + w + " 3"});
    record(PlacementStarted{0, 3, "Haven " + w, 2400, 180000, D("2024-03-01")});
    record(LoonwaardeAssessed{2, D("2024-04-01"), 60});
    record(PlacementCorrected{2, D("2024-05-01"), std::nullopt, 3200, std::nullopt, std::nullopt,
                              std::nullopt, false, "uren " + w});
  }
}

// --- Answers as text --------------------------------------------------------------------------

std::string Day(const std::optional<Date>& d) { return d ? FormatDate(*d) : "-"; }

template <typename T>
std::string Show(const Result<T>& r, const std::function<std::string(const T&)>& text) {
  // An error shows its code only: its message names what the caller asked for.
  if (!r.ok()) return "error " + std::string(CodeName(r.status().code()));
  return text(*r);
}

std::string Text(const Correction& c) {
  return fmt::format("  correction {} {} [{}] [{}] {} {} {} {}\n", c.kind, FormatDate(c.date),
                     c.what, c.reason, c.actor, c.recorded_at_ms, c.trajectory_id, c.placement_id);
}

std::string Text(const Participant& p) {
  std::string out =
      fmt::format("participant {} {} [{}] [{}] {} {} [{}] [{}] {} {} {}\n", p.ref, Day(p.birth),
                  p.area, p.cohort, p.groups.size(), FormatDate(p.registered), p.klantmanager,
                  p.jobhunter, p.bsn_verified, p.bsn_hash, p.forgotten);
  for (const CohortContact& c : p.contacts) {
    out += fmt::format("  contact {} {}\n", FormatDate(c.date), ToString(c.kind));
  }
  for (const CaseworkerAssignment& a : p.assignments) {
    out += fmt::format("  caseworker {} [{}] {} {} [{}]\n", ToString(a.role), a.name,
                       FormatDate(a.from), Day(a.until), a.end_reason);
  }
  for (const Correction& c : p.corrections) out += Text(c);
  return out;
}

std::string Text(const Trajectory& t) {
  std::string out =
      fmt::format("trajectory {} {} {}/{} {} {} {} {}\n", t.id, t.participant_ref, t.programme_id,
                  t.track_id, ToString(t.state), FormatDate(t.started), FormatDate(t.state_since),
                  t.exit_reason ? std::string(ToString(*t.exit_reason)) : "-");
  for (const MilestoneRecord& m : t.milestones) {
    out +=
        fmt::format("  milestone {} {} [{}]\n", m.milestone_id, FormatDate(m.reached), m.evidence);
  }
  for (const StateChange& c : t.history) {
    out += fmt::format("  change {}->{} {} [{}] {} {}\n", ToString(c.from), ToString(c.to),
                       FormatDate(c.date), c.reason, c.caused_by_milestone, c.caused_by_placement);
  }
  for (const Correction& c : t.corrections) out += Text(c);
  return out;
}

std::string Text(const Placement& p) {
  std::string out = fmt::format("placement {} of {} [{}] {} {} {} {} [{}]\n", p.id, p.trajectory_id,
                                p.employer, p.hours_per_week, p.gross_monthly_wage,
                                FormatDate(p.start), Day(p.end), p.end_reason);
  for (const LoonwaardeAssessment& a : p.assessments) {
    out += fmt::format("  loonwaarde {} {}\n", FormatDate(a.date), a.percent);
  }
  return out;
}

std::string Text(const PlacementView& v) {
  std::string out = Text(v.placement);
  out += fmt::format("  of {} {}/{} [{}] {} {} {}\n", v.participant_ref, v.programme_id, v.track_id,
                     v.area, v.groups.size(), Day(v.birth), FormatDate(v.trajectory_started));
  for (const MilestoneRecord& m : v.milestones) {
    out +=
        fmt::format("  milestone {} {} [{}]\n", m.milestone_id, FormatDate(m.reached), m.evidence);
  }
  return out;
}

std::string Text(const Event& e) {
  return fmt::format("event seq={} {} {} {} {} {} {} {} {}\n", e.seq, e.org, e.stream, e.position,
                     e.recorded_at_ms, e.actor, e.caused_by ? *e.caused_by : 0, KindOf(e.payload),
                     EncodePayload(e.payload));
}

template <typename T>
std::string TextOf(const T& item) {
  return Text(item);
}

template <typename T>
std::string All(const std::vector<T>& items) {
  std::string out;
  for (const T& item : items) out += Text(item);
  return out;
}

std::string Text(const Share& s) { return fmt::format("{}/{}", s.count, s.base); }

std::string Events(Store& store) {
  std::string out;
  Status s = store.ForEachEvent([&](const Event& e) {
    out += Text(e);
    return Status::OK();
  });
  return s.ok() ? out : "error " + std::string(CodeName(s.code()));
}

// Reports of the test data: on the clock's today, the test programme from the catalogue (not a
// plugin, so figures that need plugin rules are asked for with kFlag).
const Date kAsOf = D("2026-06-01");
const ReportPeriod kPeriod{D("2024-01-01"), std::nullopt, kAsOf};

std::string PlacementReportText(Store& store, ReportGrouping by) {
  PlacementReportOptions o;
  o.by = by;
  o.as_of = kAsOf;
  o.missing_plugins = MissingPlugins::kFlag;
  return Show<PlacementReport>(
      BuildPlacementReport(store, nullptr, BuiltinParameters(), o), [](const PlacementReport& r) {
        std::string out;
        auto row = [&](const PlacementReportRow& x) {
          out += fmt::format("{} [{}] {} {} {} {} {} {} {} {} {} {} {}\n", x.key, x.label,
                             x.placements, x.started, x.active, x.ended, x.werkbehoud_6m,
                             x.werkbehoud_6m_base, x.average_wage, x.lks_total, x.lks_ineligible,
                             x.overdue_assessments, x.rules_missing);
        };
        for (const auto& x : r.rows) row(x);
        row(r.total);
        return out;
      });
}

std::string CommitmentsText(Store& store) {
  CommitmentOptions o;
  o.first_month = D("2024-02-01");
  o.months = 24;
  o.missing_plugins = MissingPlugins::kFlag;
  return Show<Commitments>(
      BuildCommitments(store, nullptr, BuiltinParameters(), o), [](const Commitments& c) {
        std::string out;
        for (const auto& row : c.rows) {
          out += fmt::format("{} {} {}\n", row.key, fmt::join(row.per_month, ","), row.total);
        }
        return out + fmt::format("total {}\n", c.total.total);
      });
}

std::string SchedulesText(Store& store, std::int64_t trajectory) {
  return Show<std::vector<PlacementScheduleLine>>(
      BuildPlacementSchedules(store, nullptr, BuiltinParameters(), trajectory, {},
                              MissingPlugins::kFlag),
      [](const std::vector<PlacementScheduleLine>& lines) {
        std::string out;
        for (const auto& l : lines) {
          out +=
              Text(l.view) + fmt::format("  eligible {} [{}] total {}\n", l.eligibility.eligible,
                                         l.eligibility.reason, l.schedule ? l.schedule->total : -1);
        }
        return out;
      });
}

std::string PremiumsText(Store& store, std::int64_t trajectory) {
  return Show<TrajectoryPremiums>(
      BuildTrajectoryPremiums(store, nullptr, BuiltinParameters(), trajectory, kAsOf,
                              MissingPlugins::kFlag),
      [](const TrajectoryPremiums& p) {
        std::string out;
        for (const auto& l : p.lines) {
          out += fmt::format("{} {} {} {} [{}] {} {}\n", l.premium_id, l.placement_id, l.eligible,
                             l.amount, l.reason, FormatDate(l.earned), FormatDate(l.payable));
        }
        return out;
      });
}

std::string CaseloadText(Store& store) {
  return Show<CaseloadReport>(
      BuildCaseloadReport(store, CaseloadOptions{kAsOf, {}}), [](const CaseloadReport& r) {
        std::string out;
        auto row = [&](const CaseloadRow& x) {
          out += fmt::format("{} [{}] {} {} {} {}\n", ToString(x.role), x.name, x.participants,
                             x.on_bijstand, x.in_trajectory, x.placed);
        };
        for (const auto& x : r.rows) row(x);
        row(r.total_klantmanager);
        row(r.total_jobhunter);
        return out;
      });
}

std::string CaseworkersOnText(Store& store) {
  return Show<std::map<std::string, CaseworkersOnDate>>(
      CaseworkersOn(store, kAsOf), [](const std::map<std::string, CaseworkersOnDate>& all) {
        std::string out;
        for (const auto& [ref, c] : all) {
          out += fmt::format("{} [{}] [{}]\n", ref, c.klantmanager, c.jobhunter);
        }
        return out;
      });
}

std::string CohortText(Store& store, ReportGrouping by) {
  CohortReportOptions o;
  o.by = by;
  o.as_of = kAsOf;
  return Show<CohortReport>(BuildCohortReport(store, o), [](const CohortReport& r) {
    std::string out;
    auto row = [&](const CohortRow& x) {
      out += fmt::format("{} [{}] {} {} {} {} {} {} {} {}\n", x.key, x.label, x.participants,
                         x.invited, x.spoken, x.in_trajectory, x.placed, x.uitgestroomd,
                         x.on_bijstand, Text(x.recent_picture));
    };
    for (const auto& x : r.rows) row(x);
    row(r.total);
    return out;
  });
}

std::string LoonwaardeText(Store& store) {
  LoonwaardeReportOptions o;
  o.as_of = D("2024-09-01");  // the forfait of A's and B's placement 1 is still running
  o.ending_within_days = 366;
  return Show<LoonwaardeReport>(
      BuildLoonwaardeReport(store, BuiltinParameters(), o), [](const LoonwaardeReport& r) {
        std::string out =
            fmt::format("{} {} {} {}\n", r.running_placements, r.expired, r.ending, r.running);
        for (const auto& p : r.placements) {
          out += fmt::format("{} {} {} [{}] {} [{}] {} {} {}\n", p.placement_id, p.trajectory_id,
                             p.participant_ref, p.klantmanager, p.programme_id, p.employer,
                             FormatDate(p.start), FormatDate(p.forfait_ends), p.days);
        }
        return out;
      });
}

std::string MilestoneText(Store& store) {
  MilestoneReportOptions o;
  o.as_of = kAsOf;
  o.due_within_days = 366;
  o.by = ReportGrouping::kArea;
  return Show<MilestoneReport>(
      BuildMilestoneReport(store, &test::TestCatalogue(), o), [](const MilestoneReport& r) {
        std::string out;
        for (const auto* list : {&r.overdue, &r.due}) {
          for (const MilestoneDue& m : *list) {
            out += fmt::format("{} [{}] {} {} {} {} {}\n", m.participant_ref, m.klantmanager,
                               m.trajectory_id, m.milestone_id, FormatDate(m.deadline), m.overdue,
                               m.days);
          }
        }
        for (const auto& x : r.rows) {
          out += fmt::format("{} [{}] {} {} {} {}\n", x.key, x.label, x.open_trajectories,
                             x.overdue, x.behind, x.due);
        }
        return out + fmt::format("total {} {}\n", r.total.open_trajectories, r.total.overdue);
      });
}

std::string OutcomeText(Store& store, ReportGrouping by) {
  OutcomeReportOptions o;
  o.by = by;
  o.period = kPeriod;
  return Show<OutcomeReport>(
      BuildOutcomeReport(store, &test::TestCatalogue(), o), [](const OutcomeReport& r) {
        std::string out;
        auto row = [&](const OutcomeRow& x) {
          out += fmt::format("{} [{}] {} {} {} {} {} {} {} {}\n", x.key, x.label, x.uitstroom,
                             x.uitstroom_work, Text(x.naar_werk), Text(x.duurzaam_short),
                             Text(x.duurzaam_long), x.terugval, Text(x.werkbehoud_short),
                             Text(x.werkbehoud_long));
        };
        for (const auto& x : r.rows) row(x);
        row(r.total);
        return out;
      });
}

std::string FlowText(Store& store, ReportGrouping by) {
  FlowReportOptions o;
  o.by = by;
  o.period = kPeriod;
  return Show<FlowReport>(BuildFlowReport(store, o), [](const FlowReport& r) {
    std::string out;
    auto row = [&](const FlowRow& x) {
      out += fmt::format("{} [{}] {} {} {} {} {}\n", x.key, x.label, x.bestand_start, x.bestand_end,
                         x.instroom, x.herinstroom, x.uitstroom);
    };
    for (const auto& x : r.rows) row(x);
    row(r.total);
    return out;
  });
}

std::string SubsidyText(Store& store, ReportGrouping by) {
  SubsidyReportOptions o;
  o.by = by;
  o.period = kPeriod;
  o.missing_plugins = MissingPlugins::kFlag;
  return Show<SubsidyReport>(
      BuildSubsidyReport(store, nullptr, BuiltinParameters(), o), [](const SubsidyReport& r) {
        std::string out;
        auto row = [&](const SubsidyRow& x) {
          out += fmt::format("{} [{}] {} {} {} {} {}\n", x.key, x.label, x.placements, x.running,
                             x.paid, x.committed, x.blocked);
        };
        for (const auto& x : r.rows) row(x);
        row(r.total);
        for (const auto& b : r.blocked) {
          out += fmt::format("blocked {} {} {} [{}] [{}]\n", b.placement_id, b.trajectory_id,
                             b.participant_ref, b.employer, b.detail);
        }
        return out;
      });
}

std::string WioaText(Store& store, ReportGrouping by) {
  WioaReportOptions o;
  o.by = by;
  o.period = kPeriod;
  o.missing_plugins = MissingPlugins::kFlag;
  return Show<WioaReport>(
      BuildWioaReport(store, &test::TestCatalogue(), o), [](const WioaReport& r) {
        std::string out;
        auto row = [&](const WioaRow& x) {
          out += fmt::format("{} [{}] {} {} {} {} {} {} {}\n", x.key, x.label, x.exits,
                             Text(x.employment_q2), Text(x.employment_q4),
                             x.median_earnings_q2.value_or(-1), Text(x.credential),
                             Text(x.skill_gains), Text(x.retention));
        };
        for (const auto& x : r.rows) row(x);
        row(r.total);
        return out;
      });
}

std::string ExportText(Store& store, const std::string& directory) {
  std::filesystem::remove_all(directory);
  Result<CsvExportSummary> summary = ExportCsv(store, directory);
  return Show<CsvExportSummary>(summary, [](const CsvExportSummary& s) {
    return fmt::format("{} {}\n", s.participants, s.events) + test::ReadFile(s.participants_path) +
           test::ReadFile(s.events_path);
  });
}

// --- The entry points -------------------------------------------------------------------------

// The value of a read that must succeed, held (not a reference into a temporary Result).
template <typename T>
T Must(Result<T> r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : T{};
}

// What either organisation has: every reference, trajectory id, placement id, area and BSN, so
// that every lookup is tried with the other's values too.
struct Names {
  std::set<std::string> refs, areas, bsns;
  std::set<std::int64_t> trajectories, placements;
};

Names NamesIn(Store& store, const std::string& bsn) {
  Names n;
  n.bsns.insert(bsn);
  for (const Participant& p : Must(store.ListParticipants())) {
    n.refs.insert(p.ref);
    n.areas.insert(p.area);
  }
  for (const Trajectory& t : Must(store.ListTrajectories())) n.trajectories.insert(t.id);
  for (const PlacementView& v : Must(store.ListPlacementViews())) {
    n.placements.insert(v.placement.id);
  }
  return n;
}

Names Union(const Names& a, const Names& b) {
  Names u = a;
  u.refs.insert(b.refs.begin(), b.refs.end());
  u.areas.insert(b.areas.begin(), b.areas.end());
  u.bsns.insert(b.bsns.begin(), b.bsns.end());
  u.trajectories.insert(b.trajectories.begin(), b.trajectories.end());
  u.placements.insert(b.placements.begin(), b.placements.end());
  return u;
}

struct ReadEntry {
  std::string name;
  std::function<std::string(Store&)> answer;
};

// Every read of libtraject's public API that takes a store, each lookup with every name either
// organisation uses. `scratch` is a directory for exports.
std::vector<ReadEntry> ReadEntryPoints(const Names& names, const std::string& scratch) {
  std::vector<ReadEntry> all = {
      {"Store::organisation", [](Store& s) { return s.organisation(); }},
      {"Store::schema_version", [](Store& s) { return std::to_string(s.schema_version()); }},
      {"Store::ListParticipants",
       [](Store& s) {
         return Show<std::vector<Participant>>(s.ListParticipants(), All<Participant>);
       }},
      {"Store::ListTrajectories",
       [](Store& s) {
         return Show<std::vector<Trajectory>>(s.ListTrajectories(), All<Trajectory>);
       }},
      {"Store::ListPlacementViews",
       [](Store& s) {
         return Show<std::vector<PlacementView>>(s.ListPlacementViews(), All<PlacementView>);
       }},
      {"Store::ForEachEvent", [](Store& s) { return Events(s); }},
      {"Store::EventCount",
       [](Store& s) {
         return Show<std::int64_t>(s.EventCount(),
                                   [](std::int64_t n) { return std::to_string(n); });
       }},
      // The link itself covers each row's random audit salt, so it differs between any two
      // databases; what must not change is where the head is and what the check finds.
      {"Store::AuditChainHead",
       [](Store& s) {
         return Show<AuditHead>(s.AuditChainHead(),
                                [](const AuditHead& h) { return std::to_string(h.seq); });
       }},
      {"Store::VerifyAuditChain",
       [](Store& s) {
         return Show<AuditVerification>(s.VerifyAuditChain(), [](const AuditVerification& v) {
           return fmt::format("{} {} {}", v.events, v.head.seq, v.problems.size());
         });
       }},
      {"Store::DumpProjections",
       [](Store& s) { return Show<std::string>(s.DumpProjections(), [](auto& d) { return d; }); }},
      {"Store::AsRecorded",
       [](Store& s) {
         Result<std::unique_ptr<Store>> then = s.AsRecorded(kAsOf);
         if (!then.ok()) return "error " + std::string(CodeName(then.status().code()));
         return test::Story(**then) + Events(**then) +
                Show<std::string>((*then)->DumpProjections(), [](auto& d) { return d; });
       }},
      {"BuildCommitments", CommitmentsText},
      {"BuildCaseloadReport", CaseloadText},
      {"CaseworkersOn", CaseworkersOnText},
      {"BuildLoonwaardeReport", LoonwaardeText},
      {"BuildMilestoneReport", MilestoneText},
      {"ExportCsv", [scratch](Store& s) { return ExportText(s, scratch); }},
  };
  for (ReportGrouping by : {ReportGrouping::kProgramme, ReportGrouping::kArea,
                            ReportGrouping::kGroup, ReportGrouping::kEmployer}) {
    all.push_back({fmt::format("BuildPlacementReport by {}", ToString(by)),
                   [by](Store& s) { return PlacementReportText(s, by); }});
  }
  for (ReportGrouping by : {ReportGrouping::kArea, ReportGrouping::kKlantmanager}) {
    all.push_back({fmt::format("BuildCohortReport by {}", ToString(by)),
                   [by](Store& s) { return CohortText(s, by); }});
    all.push_back({fmt::format("BuildFlowReport by {}", ToString(by)),
                   [by](Store& s) { return FlowText(s, by); }});
  }
  for (ReportGrouping by : {ReportGrouping::kProgramme, ReportGrouping::kArea}) {
    all.push_back({fmt::format("BuildOutcomeReport by {}", ToString(by)),
                   [by](Store& s) { return OutcomeText(s, by); }});
    all.push_back({fmt::format("BuildWioaReport by {}", ToString(by)),
                   [by](Store& s) { return WioaText(s, by); }});
  }
  all.push_back({"BuildSubsidyReport by employer",
                 [](Store& s) { return SubsidyText(s, ReportGrouping::kEmployer); }});
  for (const std::string& ref : names.refs) {
    all.push_back({"Store::GetParticipant " + ref, [ref](Store& s) {
                     return Show<Participant>(s.GetParticipant(ref), TextOf<Participant>);
                   }});
    all.push_back(
        {"Store::ExportParticipant " + ref, [ref](Store& s) {
           return Show<ParticipantExport>(s.ExportParticipant(ref), [](const ParticipantExport& e) {
             std::string out = e.organisation + "\n" + Text(e.participant) + All(e.trajectories) +
                               All(e.placements) + All(e.events);
             return out + ParticipantExportJson(e);
           });
         }});
    all.push_back({"Store::ListTrajectories of " + ref, [ref](Store& s) {
                     TrajectoryFilter filter;
                     filter.participant_ref = ref;
                     return Show<std::vector<Trajectory>>(s.ListTrajectories(filter),
                                                          All<Trajectory>);
                   }});
  }
  for (const std::string& area : names.areas) {
    all.push_back({"Store::ListParticipants in " + area, [area](Store& s) {
                     return Show<std::vector<Participant>>(s.ListParticipants(area),
                                                           All<Participant>);
                   }});
  }
  for (const std::string& bsn : names.bsns) {
    all.push_back({"Store::FindParticipantByBsn " + bsn, [bsn](Store& s) {
                     return Show<Participant>(s.FindParticipantByBsn(bsn), TextOf<Participant>);
                   }});
  }
  for (std::int64_t id : names.trajectories) {
    all.push_back({fmt::format("Store::GetTrajectory {}", id), [id](Store& s) {
                     return Show<Trajectory>(s.GetTrajectory(id), TextOf<Trajectory>);
                   }});
    all.push_back({fmt::format("Store::PlacementsOf {}", id), [id](Store& s) {
                     return Show<std::vector<Placement>>(s.PlacementsOf(id), All<Placement>);
                   }});
    all.push_back({fmt::format("BuildPlacementSchedules {}", id),
                   [id](Store& s) { return SchedulesText(s, id); }});
    all.push_back({fmt::format("BuildTrajectoryPremiums {}", id),
                   [id](Store& s) { return PremiumsText(s, id); }});
  }
  for (std::int64_t id : names.placements) {
    all.push_back({fmt::format("Store::GetPlacement {}", id), [id](Store& s) {
                     return Show<Placement>(s.GetPlacement(id), TextOf<Placement>);
                   }});
  }
  return all;
}

using Answers = std::map<std::string, std::string>;

Answers AnswersOf(Store& store, const std::vector<ReadEntry>& entries) {
  Answers answers;
  for (const ReadEntry& e : entries) answers[e.name] = e.answer(store);
  return answers;
}

// What only `other` holds, read from its own store: its exclusive references, its texts, its
// BSN hash and audit link, less anything `own` holds too.
std::set<std::string> OnlyIn(Store& other, Store& own) {
  auto texts = [](Store& store) {
    std::set<std::string> out;
    for (const Participant& listed : Must(store.ListParticipants())) {
      const Participant p = Must(store.GetParticipant(listed.ref));
      out.insert({p.ref, p.area, p.cohort, p.klantmanager, p.jobhunter, p.bsn_hash});
      for (const CaseworkerAssignment& a : p.assignments) out.insert(a.name);
      for (const Correction& c : p.corrections) out.insert(c.reason);
    }
    for (const Trajectory& listed : Must(store.ListTrajectories())) {
      const Trajectory t = Must(store.GetTrajectory(listed.id));
      for (const MilestoneRecord& m : t.milestones) out.insert(m.evidence);
      for (const Correction& c : t.corrections) out.insert(c.reason);
    }
    for (const PlacementView& v : Must(store.ListPlacementViews())) {
      out.insert(v.placement.employer);
    }
    out.insert(Must(store.AuditChainHead()).link);
    out.insert("tester-" + store.organisation());  // the actor of its events
    out.erase("");
    return out;
  };
  std::set<std::string> theirs = texts(other);
  for (const std::string& mine : texts(own)) theirs.erase(mine);
  return theirs;
}

std::set<std::int64_t> SeqsOf(Store& store) {
  std::set<std::int64_t> seqs;
  EXPECT_OK(store.ForEachEvent([&](const Event& e) {
    seqs.insert(e.seq);
    return Status::OK();
  }));
  return seqs;
}

// No answer on `own` holds anything only `other` has, nor any of its events.
void ExpectNothingOf(Store& other, Store& own, const Answers& answers) {
  const std::set<std::string> theirs = OnlyIn(other, own);
  ASSERT_GE(theirs.size(), 8u) << "the other organisation's data must be there to be missed";
  for (const auto& [entry, answer] : answers) {
    for (const std::string& token : theirs) {
      EXPECT_EQ(answer.find(token), std::string::npos)
          << own.organisation() << ": " << entry << " shows '" << token << "' of "
          << other.organisation() << ":\n"
          << answer;
    }
  }
  const std::set<std::int64_t> their_seqs = SeqsOf(other);
  ASSERT_FALSE(their_seqs.empty());
  for (std::int64_t seq : SeqsOf(own)) {
    EXPECT_EQ(their_seqs.count(seq), 0u) << own.organisation() << " sees event " << seq;
  }
}

void ExpectSameAnswers(const Answers& before, const Answers& after, const std::string& why) {
  ASSERT_EQ(before.size(), after.size());
  for (const auto& [entry, answer] : before) {
    EXPECT_EQ(after.at(entry), answer) << entry << " changed " << why;
  }
}

// --- Writes -----------------------------------------------------------------------------------

// Files for ImportCsv: one events.csv row (the columns of docs/cli.md, "Import and export").
std::string EventsCsv(const std::string& dir, const std::string& name,
                      const std::map<std::string, std::string>& row) {
  static const std::vector<std::string> columns = {
      "kind",      "date",  "ref",         "trajectory", "placement", "programme", "track",
      "milestone", "state", "exit_reason", "employer",   "hours",     "wage",      "percent",
      "role",      "name",  "contact",     "text",       "changed",   "area",      "cohort",
      "groups",    "birth", "start",       "end",        "assessed",  "reached",   "evidence"};
  std::string header, line;
  for (const std::string& c : columns) {
    header += (header.empty() ? "" : ",") + c;
    auto it = row.find(c);
    line += (&c == &columns.front() ? "" : ",") + (it == row.end() ? std::string() : it->second);
  }
  const std::string path = dir + "/" + name + ".csv";
  std::ofstream(path) << header << "\n" << line << "\n";
  return path;
}

struct WriteAttack {
  std::string name;
  std::function<Status(Store&)> run;
  Status::Code expected;  // what it must give: NotFound for what only the other has
};

// Writes through every write entry point, each naming something only B has: B's extra
// participant (`ref`), trajectory 3 and placement 2. Each would be valid in B.
std::vector<WriteAttack> WriteAttacks(const std::string& ref, const std::string& scratch) {
  const auto km = CaseworkerRole::kKlantmanager;
  const Date day = D("2024-06-03");
  const std::vector<std::pair<std::string, Command>> commands = {
      {"caseworker.assigned", CaseworkerAssigned{ref, km, "K. Indringer", day}},
      {"caseworker.unassigned", CaseworkerUnassigned{ref, km, day, "weg"}},
      {"contact.recorded", ContactRecorded{ref, ContactKind::kHomeVisit, day}},
      {"participant.changed",
       ParticipantChanged{ref, day, "Indringer", std::nullopt, std::nullopt, std::nullopt, "x"}},
      {"trajectory.started", TrajectoryStarted{0, ref, "test-plan", "zorg", day}},
      {"trajectory.state-changed",
       TrajectoryStateChanged{3, TrajectoryState::kAangemeld, TrajectoryState::kAfgebroken, day,
                              "x", std::nullopt}},
      {"milestone.reached", MilestoneReached{3, "start-leren", day, "x"}},
      {"milestone.corrected",
       MilestoneCorrected{3, "vog", day, D("2024-01-26"), std::nullopt, "x"}},
      {"milestone.retracted", MilestoneRetracted{3, "vog", day, "x"}},
      {"placement.started", PlacementStarted{0, 3, "Indringer BV", 3600, 240000, day}},
      {"placement.ended", PlacementEnded{2, day, "x"}},
      {"placement.corrected", PlacementCorrected{2, day, "Indringer BV", std::nullopt, std::nullopt,
                                                 std::nullopt, std::nullopt, false, "x"}},
      {"loonwaarde.assessed", LoonwaardeAssessed{2, day, 70}},
      {"loonwaarde.withdrawn", LoonwaardeWithdrawn{2, D("2024-04-01"), day, "x"}},
  };
  const Status::Code kNotFound = Status::Code::kNotFound;
  std::vector<WriteAttack> all;
  for (const auto& [kind, command] : commands) {
    all.push_back({"Store::Record " + kind,
                   [command](Store& s) { return s.Record(command).status(); }, kNotFound});
    // Behind a command of A's own that is fine: all or nothing.
    all.push_back(
        {"Store::RecordAll " + kind,
         [command](Store& s) {
           return s
               .RecordAll(
                   {ContactRecorded{"P-1", ContactKind::kConversation, D("2024-06-01")}, command})
               .status();
         },
         kNotFound});
    all.push_back({"WriteBatch::Record " + kind,
                   [command](Store& s) {
                     Result<std::unique_ptr<WriteBatch>> batch = s.BeginBatch();
                     if (!batch.ok()) return batch.status();
                     if (Status r = (*batch)->Record(command).status(); !r.ok()) return r;
                     return (*batch)->Commit();
                   },
                   kNotFound});
  }
  // ImportCsv: rows naming B's participant, trajectory and placement.
  const std::vector<std::pair<std::string, std::map<std::string, std::string>>> rows = {
      {"contact",
       {{"kind", "contact.recorded"},
        {"date", "2024-06-03"},
        {"ref", ref},
        {"contact", "home-visit"}}},
      {"milestone",
       {{"kind", "milestone.reached"},
        {"date", "2024-06-03"},
        {"trajectory", "3"},
        {"milestone", "start-leren"}}},
      {"loonwaarde",
       {{"kind", "loonwaarde.assessed"},
        {"date", "2024-06-03"},
        {"placement", "2"},
        {"percent", "70"}}},
  };
  for (const auto& [name, row] : rows) {
    all.push_back({"ImportCsv " + name,
                   [scratch, name, row](Store& s) {
                     std::filesystem::create_directories(scratch);
                     const std::string path = EventsCsv(scratch, name, row);
                     return ImportCsv(s, {path}).status();
                   },
                   kNotFound});
  }
  all.push_back({"Store::ForgetParticipant",
                 [ref](Store& s) { return s.ForgetParticipant(ref).status(); }, kNotFound});
  all.push_back({"Store::CreateOrganisation of the other's id",
                 [](Store& s) { return s.CreateOrganisation(kB.org, "Overname", D("2024-01-01")); },
                 Status::Code::kConflict});
  return all;
}

class StoreTenantIsolationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a_ = Open(location_, kA.org);
    ASSERT_NE(a_, nullptr);
    WriteStory(*a_, kA);
    b_ = Open(location_, kB.org);
    ASSERT_NE(b_, nullptr);
    WriteStory(*b_, kB);
    // The premise: the two share references and ids, and B has more.
    const Names a = NamesIn(*a_, kA.bsn), b = NamesIn(*b_, kB.bsn);
    ASSERT_TRUE(a.refs.count("P-1") && b.refs.count("P-1"));
    ASSERT_TRUE(a.trajectories.count(1) && b.trajectories.count(1));
    ASSERT_TRUE(a.placements.count(1) && b.placements.count(1));
    ASSERT_TRUE(b.trajectories.count(3) && !a.trajectories.count(3));
    ASSERT_TRUE(b.placements.count(2) && !a.placements.count(2));
    entries_ = ReadEntryPoints(Union(a, b), dir_.File("export"));
  }

  // A database holding A's story alone, written as in the shared one (the same seqs).
  std::unique_ptr<Store> AAlone() {
    auto alone = Open(solo_dir_.Database("alone"), kA.org);
    if (alone) WriteStory(*alone, kA);
    return alone;
  }

  test::TempDir dir_, solo_dir_;
  std::string location_ = dir_.Database("tenants");
  std::unique_ptr<Store> a_, b_;
  std::vector<ReadEntry> entries_;
};

TEST_F(StoreTenantIsolationTest, NoReadSeesTheOtherOrganisation) {
  ASSERT_GT(entries_.size(), 60u);
  // Every answer on A's store is what a database without B gives: B's data, written after
  // A's, changed no count, row or text of A's.
  auto alone = AAlone();
  ASSERT_NE(alone, nullptr);
  const Answers by_itself = AnswersOf(*alone, entries_);
  const Answers a_answers = AnswersOf(*a_, entries_);
  ExpectSameAnswers(by_itself, a_answers, "with another organisation in the database");
  // And no answer holds what only the other has, either way.
  const Answers b_answers = AnswersOf(*b_, entries_);
  ExpectNothingOf(*b_, *a_, a_answers);
  ExpectNothingOf(*a_, *b_, b_answers);
  // The lookups of what only B has find nothing in A (and B's answer them: they are there).
  for (const std::string entry :
       {"Store::GetParticipant B-7", "Store::ExportParticipant B-7", "Store::GetTrajectory 3",
        "Store::GetPlacement 2", "BuildPlacementSchedules 3", "BuildTrajectoryPremiums 3"}) {
    EXPECT_EQ(a_answers.at(entry), "error not found") << entry;
    EXPECT_FALSE(b_answers.at(entry).starts_with("error")) << entry << ": " << b_answers.at(entry);
  }
  EXPECT_EQ(a_answers.at("Store::PlacementsOf 3"), "");
  EXPECT_EQ(a_answers.at(std::string("Store::FindParticipantByBsn ") + kBsnB), "error not found");
  EXPECT_EQ(b_answers.at(std::string("Store::FindParticipantByBsn ") + kBsnA), "error not found");
}

TEST_F(StoreTenantIsolationTest, NoWriteReachesTheOtherOrganisation) {
  const Answers b_before = AnswersOf(*b_, entries_);
  const Answers a_before = AnswersOf(*a_, entries_);
  const std::set<std::string> theirs = OnlyIn(*b_, *a_);
  for (const WriteAttack& attack : WriteAttacks("B-7", dir_.File("import"))) {
    const Status s = attack.run(*a_);
    EXPECT_EQ(s.code(), attack.expected) << attack.name << ": " << s.ToString();
    // The refusal names what A asked for, nothing else of B's.
    for (const std::string& token : theirs) {
      if (token == "B-7") continue;
      EXPECT_EQ(s.ToString().find(token), std::string::npos) << attack.name << ": " << s.ToString();
    }
  }
  ExpectSameAnswers(a_before, AnswersOf(*a_, entries_), "after a refused write");
  ExpectSameAnswers(b_before, AnswersOf(*b_, entries_), "after the other organisation's attacks");

  // Writes naming what both have change A's alone: B's P-1, trajectory 1 and placement 1 stay.
  const Date day = D("2024-06-03");
  ASSERT_OK(a_->Record(ContactRecorded{"P-1", ContactKind::kHomeVisit, day}));
  ASSERT_OK(a_->Record(ParticipantChanged{"P-1", day, "Amstel-Elders", std::nullopt, std::nullopt,
                                          std::nullopt, "verhuisd"}));
  ASSERT_OK(a_->Record(MilestoneCorrected{1, "vog", day, D("2024-01-21"), std::nullopt, "typo"}));
  ASSERT_OK(a_->Record(PlacementCorrected{1, day, "Amstel Anders", std::nullopt, std::nullopt,
                                          std::nullopt, std::nullopt, false, "typo"}));
  ASSERT_OK(a_->Record(LoonwaardeWithdrawn{1, D("2024-03-01"), day, "vergissing"}));
  ASSERT_OK(a_->Record(PlacementEnded{1, day, "einde"}));
  ASSERT_OK(a_->Record(MilestoneReached{2, "start-leren", D("2024-03-01"), ""}));
  ASSERT_OK(a_->RecordAll(
      {CaseworkerUnassigned{"P-1", CaseworkerRole::kKlantmanager, day, "weg"},
       TrajectoryStateChanged{2, TrajectoryState::kAangemeld, TrajectoryState::kAfgebroken, day,
                              "gestopt", std::nullopt}}));
  // B's BSN is free in A: registering it tells A nothing of B (no conflict naming B's P-1).
  ParticipantRegistered twin{"B-7", std::nullopt, "", "", {}, D("2024-02-01"), false};
  twin.bsn = kBsnB;
  ASSERT_OK(a_->Record(twin));
  EXPECT_EQ(a_->FindParticipantByBsn(kBsnB)->ref, "B-7");
  // An import of A's own row about P-1.
  const std::string path = EventsCsv(dir_.path().string(), "own",
                                     {{"kind", "contact.recorded"},
                                      {"date", "2024-06-04"},
                                      {"ref", "P-1"},
                                      {"contact", "invited"}});
  ASSERT_OK(ImportCsv(*a_, {path}));
  // And A forgets its P-2.
  ASSERT_OK(a_->ForgetParticipant("P-2"));
  EXPECT_NE(AnswersOf(*a_, entries_), a_before) << "A's own writes must show in A";
  ExpectSameAnswers(b_before, AnswersOf(*b_, entries_), "after A wrote to its own P-1, 1 and 1");
  for (Store* store : {a_.get(), b_.get()}) {
    Result<AuditVerification> chain = store->VerifyAuditChain();
    ASSERT_OK(chain);
    EXPECT_TRUE(chain->ok()) << store->organisation();
  }
}

TEST_F(StoreTenantIsolationTest, ARebuildTouchesItsOwnOrganisationOnly) {
  // Someone edits both organisations' projections behind traject's back: a rebuild restores its
  // own organisation's rows, and writes none of the other's.
  {
    auto sql = test::OpenSql(location_);
    *sql << "UPDATE participants SET area = 'gewijzigd' WHERE ref = 'P-1'";
  }
  ASSERT_OK(a_->RebuildProjections());
  EXPECT_EQ(a_->GetParticipant("P-1")->area, "Amstel-Noord");
  EXPECT_EQ(b_->GetParticipant("P-1")->area, "gewijzigd") << "A's rebuild rewrote B's rows";
  ASSERT_OK(b_->RebuildProjections());
  EXPECT_EQ(b_->GetParticipant("P-1")->area, "Beemster-Noord");
  // Rebuilt, A's projections are what recording gave, as in a database of its own.
  auto alone = AAlone();
  ASSERT_NE(alone, nullptr);
  EXPECT_EQ(*a_->DumpProjections(), *alone->DumpProjections());
}

TEST_F(StoreTenantIsolationTest, AStoreWithoutAnOrganisationReadsAndWritesNothing) {
  // Two organisations and none named: every tenant entry point refuses.
  StoreOptions options;
  options.catalogue = &test::TestCatalogue();
  options.bsn_key = kKey;
  Result<std::unique_ptr<Store>> none = Store::Open(location_, options);
  ASSERT_OK(none);
  ASSERT_EQ((*none)->organisation(), "");
  for (const ReadEntry& entry : entries_) {
    if (entry.name == "Store::organisation" || entry.name == "Store::schema_version") continue;
    const std::string answer = entry.answer(**none);
    EXPECT_TRUE(answer.starts_with("error ")) << entry.name << " without an organisation:\n"
                                              << answer;
  }
  const std::string before = test::Snapshot(location_);
  for (const WriteAttack& attack : WriteAttacks("P-1", dir_.File("import"))) {
    if (attack.name.starts_with("Store::CreateOrganisation")) continue;
    EXPECT_FALSE(attack.run(**none).ok()) << attack.name;
  }
  EXPECT_FALSE((*none)->RebuildProjections().ok());
  if (test::UsePostgres()) {
    EXPECT_EQ(test::Snapshot(location_), before);
  }
}

}  // namespace
}  // namespace traject
