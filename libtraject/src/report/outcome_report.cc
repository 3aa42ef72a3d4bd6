#include "traject/outcome_report.h"

#include <fmt/format.h>

#include "report/facts_view.h"

namespace traject {
namespace {

using report::Day;

// Whether the trajectory returned (entered terugval) in (after, until].
bool ReturnedWithin(const report::ReportFacts& f, const report::FactTrajectory& t, Day after,
                    Day until) {
  for (std::uint32_t i = t.history_begin; i < t.history_end; ++i) {
    const report::FactTransition& c = f.transitions[i];
    if (c.to == TrajectoryState::kTerugval && c.date > after && c.date <= until) return true;
  }
  return false;
}

void AddShare(Share& share, bool seen, bool counted) {
  share.base += seen ? 1 : 0;
  share.count += seen && counted ? 1 : 0;
}

}  // namespace

Result<OutcomeReport> BuildOutcomeReport(Store& store, const ProgrammeCatalogue* programmes,
                                         const OutcomeReportOptions& options) {
  if (Status s = report::RequireGrouping(
          options.by,
          {ReportGrouping::kProgramme, ReportGrouping::kTrack, ReportGrouping::kArea,
           ReportGrouping::kGroup, ReportGrouping::kKlantmanager, ReportGrouping::kMonth},
          "outcome");
      !s.ok()) {
    return s;
  }
  if (options.short_months < 1 || options.long_months > 60 ||
      options.short_months >= options.long_months) {
    return Status::InvalidArgument("windows: 1 <= short < long <= 60 months")
        .WithField("short_months");
  }
  Result<ResolvedPeriod> window = Resolve(options.period);
  if (!window.ok()) return window.status();
  report::FactParts parts;
  parts.people = parts.trajectories = parts.history = parts.placements = true;
  report::AddPartsFor(options.by, parts);
  // Who is counted: an exit, a return or a placement start in the window (with all their
  // trajectories and placements, for whether they work or are back on bijstand later).
  parts.scope = report::FactScope::kMovedIn;
  parts.window_from = report::ToDay(window->from);
  parts.window_to = report::ToDay(window->to);
  Result<report::ReportFacts> loaded = report::ReadFacts(store, parts, window->as_of);
  if (!loaded.ok()) return loaded.status();
  const report::ReportFacts& f = *loaded;
  const Day as_of = f.as_of;
  const Day from = report::ToDay(window->from), to = report::ToDay(window->to);
  const auto in_window = [&](Day d) { return d >= from && d <= to; };
  const report::BijstandSpells spells(f);

  OutcomeReport out;
  out.options = options;
  out.window = *window;
  const report::Grouper grouper(f, options.by, programmes);
  report::RowSet<OutcomeRow> rows;
  for (const report::FactTrajectory& t : f.trajectories) {
    for (std::uint32_t i = t.history_begin; i < t.history_end; ++i) {
      const report::FactTransition& c = f.transitions[i];
      if (!in_window(c.date)) continue;
      const std::vector<std::string> keys = grouper.KeysOf(t.person, &t, nullptr, c.date);
      if (c.to == TrajectoryState::kTerugval) {
        rows.Count(keys, [](OutcomeRow& row) { row.terugval += 1; });
        continue;
      }
      if (c.to != TrajectoryState::kUitgestroomd) continue;
      const Day exit = c.date;
      const bool work = t.exit_reason == ExitReason::kWork;
      const Day one_month = report::PlusMonths(exit, 1);
      const Day short_end = report::PlusMonths(exit, options.short_months);
      const Day long_end = report::PlusMonths(exit, options.long_months);
      // CBS: a month after bijstand ended the person works and has no bijstand (by any
      // trajectory's return).
      const bool naar_werk = (work || report::IsWorking(f, t.person, one_month)) &&
                             !spells.OnBijstand(t.person, one_month);
      const bool stayed_short = !ReturnedWithin(f, t, exit, short_end);
      const bool stayed_long = !ReturnedWithin(f, t, exit, long_end);
      rows.Count(keys, [&](OutcomeRow& row) {
        row.uitstroom += 1;
        row.uitstroom_work += work ? 1 : 0;
        AddShare(row.naar_werk, one_month <= as_of, naar_werk);
        AddShare(row.duurzaam_short, short_end <= as_of, stayed_short);
        AddShare(row.duurzaam_long, long_end <= as_of, stayed_long);
      });
    }
    for (std::uint32_t i = t.placements_begin; i < t.placements_end; ++i) {
      const report::FactPlacement& p = f.placements[i];
      if (!in_window(p.start)) continue;
      const Day short_end = report::PlusMonths(p.start, options.short_months);
      const Day long_end = report::PlusMonths(p.start, options.long_months);
      const bool seen_short = short_end <= as_of, seen_long = long_end <= as_of;
      const bool working_short = seen_short && report::IsWorking(f, t.person, short_end);
      const bool working_long = seen_long && report::IsWorking(f, t.person, long_end);
      rows.Count(grouper.KeysOf(t.person, &t, &p, p.start), [&](OutcomeRow& row) {
        AddShare(row.werkbehoud_short, seen_short, working_short);
        AddShare(row.werkbehoud_long, seen_long, working_long);
      });
    }
  }
  out.rows = rows.Rows(grouper);
  out.total = rows.Total();
  return out;
}

Result<FlowReport> BuildFlowReport(Store& store, const FlowReportOptions& options) {
  if (Status s = report::RequireGrouping(options.by,
                                         {ReportGrouping::kArea, ReportGrouping::kGroup,
                                          ReportGrouping::kKlantmanager, ReportGrouping::kMonth},
                                         "flow");
      !s.ok()) {
    return s;
  }
  if (!options.period.from) {
    return Status::InvalidArgument("the flow report needs a window's first day (from)")
        .WithField("from");
  }
  Result<ResolvedPeriod> window = Resolve(options.period);
  if (!window.ok()) return window.status();
  report::FactParts parts;
  parts.people = parts.trajectories = parts.history = true;
  report::AddPartsFor(options.by, parts);
  Result<report::ReportFacts> loaded = report::ReadFacts(store, parts, window->as_of);
  if (!loaded.ok()) return loaded.status();
  const report::ReportFacts& f = *loaded;
  const report::BijstandSpells spells(f);

  // The windows counted: the whole window, or each month of it (the first and last cut to it).
  struct Span {
    Day from, to;
  };
  const Day window_from = report::ToDay(window->from), window_to = report::ToDay(window->to);
  std::vector<Span> spans;
  if (options.by == ReportGrouping::kMonth) {
    for (Date month = FirstOfMonth(window->from);
         std::chrono::sys_days(month) <= std::chrono::sys_days(window->to);
         month = AddMonths(month, 1)) {
      spans.push_back({std::max(window_from, report::ToDay(month)),
                       std::min(window_to, report::ToDay(LastOfMonth(month)))});
    }
  } else {
    spans.push_back({window_from, window_to});
  }

  FlowReport out;
  out.options = options;
  out.window = *window;
  const report::Grouper grouper(f, options.by, nullptr);
  report::RowSet<FlowRow> rows;
  // By month, everything in a span counts under the span's month; otherwise under the group of
  // the day counted.
  const auto keys_of = [&](const Span& span, std::int32_t person, Day day) {
    return options.by == ReportGrouping::kMonth
               ? grouper.KeysOf(person, nullptr, nullptr, span.from)
               : grouper.KeysOf(person, nullptr, nullptr, day);
  };
  const auto count_person = [](const report::BijstandSpells& spells, const report::FactPerson& p,
                               std::int32_t person, const Span& span, auto&& count) {
    if (spells.OnBijstand(person, span.from - 1)) {
      count(span.from - 1, [](FlowRow& row) { row.bestand_start += 1; });
    }
    if (spells.OnBijstand(person, span.to)) {
      count(span.to, [](FlowRow& row) { row.bestand_end += 1; });
    }
    if (p.registered >= span.from && p.registered <= span.to) {
      count(p.registered, [](FlowRow& row) { row.instroom += 1; });
    }
    for (const report::BijstandSpells::Change& c : spells.ChangesOf(person)) {
      if (c.day < span.from || c.day > span.to) continue;
      if (c.off) {
        count(c.day, [](FlowRow& row) { row.uitstroom += 1; });
      } else {
        count(c.day, [](FlowRow& row) { row.herinstroom += 1; });
      }
    }
  };
  FlowRow total;  // the whole window, each participant once
  for (const Span& span : spans) {
    if (options.by == ReportGrouping::kMonth) rows.Touch(keys_of(span, 0, span.from).front());
  }
  for (std::size_t i = 0; i < f.people.size(); ++i) {
    const auto person = static_cast<std::int32_t>(i);
    const report::FactPerson& p = f.people[i];
    if (!p.known) continue;
    for (const Span& span : spans) {
      count_person(spells, p, person, span, [&](Day day, auto add) {
        for (const std::string& key : keys_of(span, person, day)) add(rows.At(key));
      });
    }
    count_person(spells, p, person, Span{window_from, window_to},
                 [&](Day, auto add) { add(total); });
  }
  total.key = "total";
  total.label = "Total";
  const auto rates = [](FlowRow& row) {
    const std::int64_t average_twice = row.bestand_start + row.bestand_end;
    row.inflow_rate = Share{2 * (row.instroom + row.herinstroom), average_twice};
    row.outflow_rate = Share{2 * row.uitstroom, average_twice};
  };
  out.rows = rows.Rows(grouper);
  for (FlowRow& row : out.rows) rates(row);
  rates(total);
  out.total = total;
  return out;
}

}  // namespace traject
