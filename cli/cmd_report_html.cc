// `traject report html OUT.html`: the dashboard. One self-contained HTML file (dashboard_page.h)
// with the charts a coordinator or a wethouder's staff steer on, each drawn from a library
// report the other `report` commands print as tables (docs/dashboard.md says which figure comes
// from which). The file is written as traject/private_file.h says (mode 600, renamed over OUT
// when complete, so that a failure leaves OUT as it was and no half file; never through a link).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "commands.h"
#include "dashboard_page.h"
#include "dashboard_svg.h"
#include "traject/private_file.h"
#include "traject/reports.h"
#include "traject/version.h"

namespace traject::cli {
namespace {

using dashboard::BarChart;
using dashboard::BarRow;
using dashboard::ChartFigure;
using dashboard::ColumnChart;
using dashboard::DashboardPage;
using dashboard::FormatShare;
using dashboard::FormatValue;
using dashboard::GroupedBarChart;
using dashboard::Headline;
using dashboard::LineChart;
using dashboard::Series;
using dashboard::Unit;
using std::chrono::sys_days;

struct DashboardArgs {
  std::string out;
  std::string from;
  int months = 12;
};

std::string MonthKey(Date date) { return FormatDate(date).substr(0, 7); }

// The first days of the months from `from`'s month to `to`'s, in order.
std::vector<Date> MonthsBetween(Date from, Date to) {
  std::vector<Date> months;
  for (Date m = FirstOfMonth(from); sys_days(m) <= sys_days(to); m = AddMonths(m, 1)) {
    months.push_back(m);
  }
  return months;
}

// The funnel's and the cohort chart's stages share colours, light (early) to dark (late):
// steps of the viridis scale, told apart by lightness and hue alike, colour-blind safe.
const char* const kStageColours[] = {"#b5de2b", "#6ece58", "#35b779", "#1f9e89",
                                     "#31688e", "#3e4989", "#482878"};

// Programme names from the loaded plugins; the id when its plugin is not loaded.
class Programmes {
 public:
  explicit Programmes(const PluginRegistry* plugins) : plugins_(plugins) {}
  // Fixes the colours: each programme keeps one colour on every chart of the page.
  void Know(const std::string& id) { ids_.insert(id); }
  std::string Name(const std::string& id) const {
    if (plugins_) {
      if (const ProgrammeDefinition* p = plugins_->catalogue().Find(id)) return p->name;
    }
    return id;
  }
  // REQUIRES: Know(id) was called, and every Know before the first SeriesOf.
  Series SeriesOf(const std::string& id) const {
    const auto at = ids_.find(id);
    return {Name(id),
            dashboard::PaletteColour(static_cast<std::size_t>(std::distance(ids_.begin(), at)))};
  }

 private:
  const PluginRegistry* plugins_;
  std::set<std::string> ids_;
};

// Everything the page is drawn from, read before anything is written.
struct Figures {
  Date as_of, from;
  std::string organisation, organisation_name;
  std::vector<PlacementView> placements;
  CohortReport cohort;
  OutcomeReport outcomes_all;    // up to as_of: the funnel's duurzaam count
  OutcomeReport outcomes_month;  // the window by month: the line chart and headline exits
  SubsidyReport subsidy;         // the window by employer: paid, and the employers chart
  Commitments commitments;       // the months after as_of, by programme
  CaseloadReport caseload;       // klantmanagers
  std::vector<std::string> missing_plugins;
};

Result<Figures> ReadFigures(Context& context, const ReportState& state, Date from, int months) {
  Figures f;
  f.as_of = state.as_of;
  f.from = from;
  Store& store = *state.store;
  f.organisation = store.organisation();
  f.organisation_name = f.organisation;
  if (Result<std::vector<Organisation>> orgs = store.Organisations(); orgs.ok()) {
    for (const Organisation& org : *orgs) {
      if (org.id == f.organisation && !org.name.empty()) f.organisation_name = org.name;
    }
  }
  const ReportPeriod window{from, state.as_of, state.as_of};

  // The figures that need the banenplannen's rules first: a refusal (a missing plugin without
  // --allow-missing-plugins) ends the command before the others are computed.
  SubsidyReportOptions subsidy;
  subsidy.by = ReportGrouping::kEmployer;
  subsidy.period = window;
  subsidy.committed_months = months;
  subsidy.missing_plugins = state.missing_plugins;
  Result<SubsidyReport> paid = BuildSubsidyReport(store, state.plugins, *state.parameters, subsidy);
  if (!paid.ok()) return context.WithPluginAdvice(paid.status());
  f.subsidy = std::move(paid).value();

  CommitmentOptions commit;
  commit.by = ReportGrouping::kProgramme;
  commit.first_month = AddMonths(FirstOfMonth(state.as_of), 1);
  commit.months = months;
  commit.as_of = state.as_of;
  commit.missing_plugins = state.missing_plugins;
  Result<Commitments> committed = BuildCommitments(store, state.plugins, *state.parameters, commit);
  if (!committed.ok()) return context.WithPluginAdvice(committed.status());
  f.commitments = std::move(committed).value();

  std::set<std::string> missing(f.subsidy.missing_plugins.begin(), f.subsidy.missing_plugins.end());
  missing.insert(f.commitments.missing_plugins.begin(), f.commitments.missing_plugins.end());
  f.missing_plugins.assign(missing.begin(), missing.end());

  Result<std::vector<PlacementView>> views = store.ListPlacementViews();
  if (!views.ok()) return views.status();
  f.placements = std::move(views).value();

  CohortReportOptions cohort;
  cohort.by = ReportGrouping::kArea;
  cohort.as_of = state.as_of;
  Result<CohortReport> c = BuildCohortReport(store, cohort);
  if (!c.ok()) return c.status();
  f.cohort = std::move(c).value();

  // Outcomes need the programmes for their rows' names only.
  const ProgrammeCatalogue* catalogue = state.plugins ? &state.plugins->catalogue() : nullptr;
  OutcomeReportOptions outcomes;
  outcomes.period.as_of = state.as_of;
  Result<OutcomeReport> all = BuildOutcomeReport(store, catalogue, outcomes);
  if (!all.ok()) return all.status();
  f.outcomes_all = std::move(all).value();
  outcomes.by = ReportGrouping::kMonth;
  outcomes.period = window;
  Result<OutcomeReport> by_month = BuildOutcomeReport(store, catalogue, outcomes);
  if (!by_month.ok()) return by_month.status();
  f.outcomes_month = std::move(by_month).value();

  CaseloadOptions caseload;
  caseload.as_of = state.as_of;
  caseload.role = CaseworkerRole::kKlantmanager;
  Result<CaseloadReport> load = BuildCaseloadReport(store, caseload);
  if (!load.ok()) return load.status();
  f.caseload = std::move(load).value();
  return f;
}

std::string RulesMissingWarning(const std::vector<std::string>& programmes) {
  return fmt::format(
      "Computed without the banenplan rules of {} (plugin not loaded, --allow-missing-plugins): "
      "its amounts may differ.",
      fmt::join(programmes, ", "));
}

ChartFigure PlacementsPerMonth(const Figures& f, Programmes& programmes) {
  const std::vector<Date> months = MonthsBetween(f.from, f.as_of);
  std::map<std::string, std::vector<std::int64_t>> starts;  // programme -> per month
  for (const PlacementView& view : f.placements) {
    const Date start = view.placement.start;
    if (sys_days(start) < sys_days(f.from) || sys_days(start) > sys_days(f.as_of)) continue;
    std::vector<std::int64_t>& row = starts[view.programme_id];
    row.resize(months.size(), 0);
    const auto at = std::find(months.begin(), months.end(), FirstOfMonth(start));
    if (at != months.end()) ++row[static_cast<std::size_t>(at - months.begin())];
  }
  ColumnChart chart;
  chart.aria_label = "Placements started per month, stacked per programme";
  for (Date m : months) chart.categories.push_back(MonthKey(m));
  chart.categories_are_months = true;
  for (const auto& [programme, row] : starts) {
    chart.series.push_back(programmes.SeriesOf(programme));
    chart.values.push_back(row);
  }
  chart.unit_noun = "placements started";
  chart.x_label = "month of the placement's first working day";
  chart.y_label = "placements started";
  chart.width = 1120;
  chart.height = 300;
  ChartFigure figure;
  figure.id = "placements-per-month";
  figure.title = "Placements started per month";
  figure.caption = fmt::format(
      "Placements whose first working day falls in the month, {} to {}, stacked per programme "
      "(every recorded placement, corrections applied).",
      FormatDate(f.from), FormatDate(f.as_of));
  figure.svg = RenderColumnChart(chart);
  figure.wide = true;
  return figure;
}

ChartFigure Funnel(const Figures& f) {
  const CohortRow& t = f.cohort.total;
  const Share duurzaam = f.outcomes_all.total.duurzaam_long;
  const auto of_participants = [&](int n) {
    return fmt::format("{} ({})", FormatValue(n, Unit::kCount),
                       FormatShare(Share{n, t.participants}));
  };
  BarChart chart;
  chart.aria_label = "Outcome funnel from participants to duurzame uitstroom";
  const std::pair<const char*, int> stages[] = {
      {"participants", t.participants},   {"invited", t.invited}, {"spoken", t.spoken},
      {"in trajectory", t.in_trajectory}, {"placed", t.placed},   {"uitgestroomd", t.uitgestroomd}};
  for (std::size_t i = 0; i < std::size(stages); ++i) {
    BarRow row;
    row.label = stages[i].first;
    row.value = stages[i].second;
    row.colour = kStageColours[i];
    row.value_text =
        i == 0 ? FormatValue(row.value, Unit::kCount) : of_participants(stages[i].second);
    row.tooltip = fmt::format("{}: {} of {} participants", row.label,
                              FormatValue(row.value, Unit::kCount), t.participants);
    chart.rows.push_back(row);
  }
  BarRow lasting;
  lasting.label = "duurzaam 12 months";
  lasting.value = duurzaam.count;
  lasting.colour = kStageColours[6];
  lasting.value_text = fmt::format("{} ({} of {})", FormatValue(duurzaam.count, Unit::kCount),
                                   FormatShare(duurzaam), FormatValue(duurzaam.base, Unit::kCount));
  lasting.tooltip = fmt::format(
      "duurzaam 12 months: {} of the {} exits seen 12 months on had no return to bijstand ({})",
      duurzaam.count, duurzaam.base, FormatShare(duurzaam));
  chart.rows.push_back(lasting);
  chart.x_label = "participants (last bar: exits)";
  chart.label_chars = 20;
  chart.row_height = 30;
  ChartFigure figure;
  figure.id = "outcome-funnel";
  figure.title = "Outcome funnel";
  figure.caption = fmt::format(
      "Participants registered by {} and how many were invited, spoken to, started a "
      "trajectory, were placed and left bijstand (report cohort, total); the last bar counts "
      "exits without a return within 12 months, of the exits seen 12 months on (report "
      "outcomes, total duurzaam 12m). Percentages: of the participants.",
      FormatDate(f.as_of));
  figure.svg = RenderBarChart(chart);
  return figure;
}

ChartFigure DuurzameUitstroom(const Figures& f) {
  LineChart chart;
  chart.aria_label = "Duurzame uitstroom per exit month, within 6 and within 12 months";
  chart.series = {{"no return within 6 months", "#f28e2b"},
                  {"no return within 12 months", "#4e79a7"}};
  chart.values.resize(2);
  // The months from the first to the last with an exit seen long enough on.
  std::size_t first = f.outcomes_month.rows.size(), last = 0;
  for (std::size_t i = 0; i < f.outcomes_month.rows.size(); ++i) {
    const OutcomeRow& row = f.outcomes_month.rows[i];
    if (row.duurzaam_short.base > 0 || row.duurzaam_long.base > 0) {
      first = std::min(first, i);
      last = i;
    }
  }
  for (std::size_t i = first; i <= last && i < f.outcomes_month.rows.size(); ++i) {
    const OutcomeRow& row = f.outcomes_month.rows[i];
    chart.categories.push_back(row.key);
    chart.values[0].push_back(row.duurzaam_short);
    chart.values[1].push_back(row.duurzaam_long);
  }
  chart.x_label = "month of the exit";
  chart.y_label = "exits without a return";
  chart.base_noun = "exits";
  ChartFigure figure;
  figure.id = "duurzame-uitstroom";
  figure.title = "Duurzame uitstroom";
  figure.caption = fmt::format(
      "Per month of exit ({} to {}): the share of exits without a return to bijstand within 6 "
      "and within 12 months, of the exits seen that long on (report outcomes --by month, "
      "duurzaam 6m and 12m). Months with no such exit have no point.",
      FormatDate(f.from), FormatDate(f.as_of));
  figure.svg = RenderLineChart(chart);
  return figure;
}

ChartFigure CommitmentsAhead(const Figures& f, Programmes& programmes) {
  ColumnChart chart;
  chart.aria_label = "Loonkostensubsidie committed per month ahead, stacked per programme";
  for (Date m : f.commitments.months) chart.categories.push_back(MonthKey(m));
  chart.categories_are_months = true;
  for (const CommitmentRow& row : f.commitments.rows) {
    chart.series.push_back(programmes.SeriesOf(row.key));
    chart.values.push_back(row.per_month);
  }
  chart.unit = Unit::kCents;
  chart.x_label = "month";
  chart.y_label = "committed per month";
  ChartFigure figure;
  figure.id = "subsidy-commitments";
  figure.title = "Subsidy commitments ahead";
  const std::string first =
      f.commitments.months.empty() ? std::string() : MonthKey(f.commitments.months.front());
  const std::string last =
      f.commitments.months.empty() ? std::string() : MonthKey(f.commitments.months.back());
  figure.caption = fmt::format(
      "What the loonkostensubsidie schedules of the placements running on {} pay per month, {} "
      "to {}, if they keep running as known, stacked per programme (subsidy commitments --by "
      "programme --from {} --months {}; report subsidy's committed runs from the day after {} "
      "instead). Total {}.",
      FormatDate(f.as_of), first, last,
      f.commitments.months.empty() ? std::string() : FormatDate(f.commitments.months.front()),
      f.commitments.months.size(), FormatDate(f.as_of),
      FormatValue(f.commitments.total.total, Unit::kCents));
  if (f.commitments.provisional) {
    figure.warnings.push_back(
        "Partly provisional: some months use parameters past their known "
        "period.");
  }
  if (!f.commitments.missing_plugins.empty()) {
    figure.warnings.push_back(RulesMissingWarning(f.commitments.missing_plugins));
    figure.rules_missing = f.commitments.missing_plugins;
  }
  figure.svg = RenderColumnChart(chart);
  return figure;
}

ChartFigure CohortPerArea(const Figures& f) {
  GroupedBarChart chart;
  chart.aria_label = "Cohort progress per area";
  chart.whole_name = "participants";
  chart.series = {{"invited", kStageColours[1]},
                  {"spoken", kStageColours[2]},
                  {"in trajectory", kStageColours[3]},
                  {"placed", kStageColours[4]},
                  {"uitgestroomd", kStageColours[5]}};
  chart.values.resize(chart.series.size());
  for (const CohortRow& row : f.cohort.rows) {
    chart.groups.push_back(row.label);
    chart.wholes.push_back(row.participants);
    const int stages[] = {row.invited, row.spoken, row.in_trajectory, row.placed, row.uitgestroomd};
    for (std::size_t s = 0; s < std::size(stages); ++s) chart.values[s].push_back(stages[s]);
    chart.shares.push_back(row.recent_picture);
  }
  chart.x_label = "participants";
  chart.share_label = "recent picture (12 months)";
  ChartFigure figure;
  figure.id = "cohort-per-area";
  figure.title = "Cohort progress per area";
  figure.caption = fmt::format(
      "Per area on {}: its participants (light bar) and how many were invited, spoken to, "
      "started a trajectory, were placed and left bijstand; at the right, of those on "
      "bijstand, the share with a conversation, home visit or loonwaarde assessment in the last "
      "12 months (report cohort).",
      FormatDate(f.as_of));
  figure.svg = RenderGroupedBarChart(chart);
  figure.wide = true;
  return figure;
}

ChartFigure CaseloadPerKlantmanager(const Figures& f) {
  std::vector<CaseloadRow> rows;
  CaseloadRow unassigned;
  unassigned.role = CaseworkerRole::kKlantmanager;
  for (const CaseloadRow& row : f.caseload.rows) {
    if (row.role != CaseworkerRole::kKlantmanager) continue;
    if (row.name.empty()) {
      unassigned = row;
    } else {
      rows.push_back(row);
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const CaseloadRow& a, const CaseloadRow& b) {
    return a.participants > b.participants;
  });
  int assigned = 0;
  for (const CaseloadRow& row : rows) assigned += row.participants;
  BarChart chart;
  chart.aria_label = "Participants per klantmanager";
  const auto add = [&](const CaseloadRow& row, const std::string& label, const char* colour) {
    BarRow bar;
    bar.label = label;
    bar.value = row.participants;
    bar.colour = colour;
    bar.tooltip =
        fmt::format("{}: {} participants, {} on bijstand, {} in trajectory, {} placed", label,
                    row.participants, row.on_bijstand, row.in_trajectory, row.placed);
    chart.rows.push_back(bar);
  };
  // A dashboard shows the extremes of a long list, where steering starts (an overloaded or an
  // idle caseload); `report caseload` lists every klantmanager.
  constexpr std::size_t kAllUpTo = 30, kEachEnd = 15;
  const bool cut = rows.size() > kAllUpTo;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (cut && i == kEachEnd) {
      const std::size_t skipped = rows.size() - 2 * kEachEnd;
      BarRow gap;
      gap.label = fmt::format("… {} more", skipped);
      gap.value_text = fmt::format("{} to {} each", rows[rows.size() - kEachEnd - 1].participants,
                                   rows[kEachEnd].participants);
      chart.rows.push_back(gap);
      i = rows.size() - kEachEnd;
    }
    add(rows[i], rows[i].name, "#4e79a7");
  }
  add(unassigned, "(no klantmanager)", "#e15759");
  chart.x_label = "participants";
  chart.row_height = 19;
  ChartFigure figure;
  figure.id = "caseload-klantmanager";
  figure.tall = true;
  figure.title = "Caseload per klantmanager";
  figure.caption = fmt::format(
      "Participants assigned to each klantmanager on {}, largest first; last, in red, those on "
      "bijstand without a klantmanager (report caseload --role klantmanager). {} participants "
      "with one of {} klantmanagers{}.",
      FormatDate(f.as_of), FormatValue(assigned, Unit::kCount), rows.size(),
      cut ? fmt::format("; the {} largest and the {} smallest caseloads shown", kEachEnd, kEachEnd)
          : "");
  figure.svg = RenderBarChart(chart);
  return figure;
}

ChartFigure SubsidyPerEmployer(const Figures& f) {
  std::vector<SubsidyRow> rows = f.subsidy.rows;
  std::stable_sort(rows.begin(), rows.end(),
                   [](const SubsidyRow& a, const SubsidyRow& b) { return a.paid > b.paid; });
  const std::size_t shown = std::min<std::size_t>(rows.size(), 10);
  BarChart chart;
  chart.aria_label = "Loonkostensubsidie paid in the window, the ten employers with the most";
  chart.unit = Unit::kCents;
  for (std::size_t i = 0; i < shown; ++i) {
    const SubsidyRow& row = rows[i];
    if (row.paid <= 0) break;
    BarRow bar;
    bar.label = row.label.empty() ? row.key : row.label;
    bar.value = row.paid;
    bar.colour = "#59a14f";
    bar.tooltip = fmt::format("{}: {} paid for {} placements ({} running on {})", bar.label,
                              FormatValue(row.paid, Unit::kCents), row.placements, row.running,
                              FormatDate(f.as_of));
    chart.rows.push_back(bar);
  }
  chart.x_label = "loonkostensubsidie paid in the window";
  chart.label_chars = 26;
  chart.row_height = 24;
  ChartFigure figure;
  figure.id = "subsidy-employers";
  figure.title = "Loonkostensubsidie per employer";
  figure.caption = fmt::format(
      "The ten employers whose placements the schedules pay most for the days {} to {} (report "
      "subsidy --by employer, paid), of {} employers; {} in all.",
      FormatDate(f.subsidy.window.from), FormatDate(f.subsidy.window.to), f.subsidy.rows.size(),
      FormatValue(f.subsidy.total.paid, Unit::kCents));
  if (f.subsidy.provisional) {
    figure.warnings.push_back(
        "Partly provisional: some amounts use parameters past their known "
        "period.");
  }
  if (!f.subsidy.missing_plugins.empty()) {
    figure.warnings.push_back(RulesMissingWarning(f.subsidy.missing_plugins));
    figure.rules_missing = f.subsidy.missing_plugins;
  }
  figure.svg = RenderBarChart(chart);
  return figure;
}

std::vector<Headline> Headlines(const Figures& f, int months) {
  const OutcomeRow& window = f.outcomes_month.total;
  const auto share = [](const char* id, const char* label, const Share& s) {
    return Headline{id, label, FormatShare(s),
                    fmt::format("{} of {} exits seen that long on", s.count, s.base), false};
  };
  std::vector<Headline> h;
  h.push_back(
      {"on-bijstand", "on bijstand", FormatValue(f.cohort.total.on_bijstand, Unit::kCount),
       fmt::format("of {} participants, on {}",
                   FormatValue(f.cohort.total.participants, Unit::kCount), FormatDate(f.as_of)),
       false});
  h.push_back({"exits", "exits in the window", FormatValue(window.uitstroom, Unit::kCount),
               fmt::format("{} of them to work", FormatValue(window.uitstroom_work, Unit::kCount)),
               false});
  h.push_back(share("duurzaam-6", "duurzaam 6 months", window.duurzaam_short));
  h.push_back(share("duurzaam-12", "duurzaam 12 months", window.duurzaam_long));
  h.push_back({"paid", "subsidy paid in the window",
               FormatValue(f.subsidy.total.paid, Unit::kCents),
               fmt::format("{} placements{}", f.subsidy.total.placements,
                           f.subsidy.provisional ? ", partly provisional" : ""),
               !f.subsidy.missing_plugins.empty() || f.subsidy.provisional});
  h.push_back({"committed", fmt::format("committed, next {} months", months),
               FormatValue(f.commitments.total.total, Unit::kCents),
               fmt::format("{} placements running{}", f.subsidy.total.running,
                           f.commitments.provisional ? ", partly provisional" : ""),
               !f.commitments.missing_plugins.empty() || f.commitments.provisional});
  return h;
}

Status RunDashboard(Context& context, const DashboardArgs& o) {
  if (context.options.csv || context.options.json) {
    return Status::InvalidArgument(fmt::format(
        "report html writes an HTML page, so {} does not apply; for the figures as data use the "
        "reports it draws on with --json or --csv (report cohort, report outcomes --by month, "
        "subsidy commitments, report caseload; docs/dashboard.md)",
        context.options.csv ? "--csv" : "--json"));
  }
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  const Date as_of = state->as_of;
  // Default window: the 36 calendar months up to and including the as-of date's month.
  Date from = AddMonths(FirstOfMonth(as_of), -35);
  if (!o.from.empty()) {
    Result<Date> d = DateOption(o.from, as_of, "--from");
    if (!d.ok()) return d.status();
    if (sys_days(*d) > sys_days(as_of)) {
      return Status::InvalidArgument(fmt::format(
          "--from {} is after the as-of date {}: the window ends on the as-of date; pass an "
          "earlier --from or a later --as-of",
          FormatDate(*d), FormatDate(as_of)));
    }
    from = *d;
  }
  Result<Figures> figures = ReadFigures(context, *state, from, o.months);
  if (!figures.ok()) return figures.status();
  const Figures& f = *figures;
  context.WarnMissingPlugins(f.missing_plugins);

  Programmes programmes(state->plugins);
  for (const PlacementView& view : f.placements) programmes.Know(view.programme_id);
  for (const CommitmentRow& row : f.commitments.rows) programmes.Know(row.key);

  DashboardPage page;
  page.title = fmt::format("Dashboard — {} — as of {}", f.organisation_name, FormatDate(as_of));
  page.heading = fmt::format("Dashboard — {}", f.organisation_name);
  page.meta.push_back(fmt::format("organisation {}", f.organisation));
  page.meta.push_back(fmt::format("as of {}", FormatDate(as_of)));
  if (!context.options.as_recorded.empty()) {
    page.meta.push_back(fmt::format("as recorded on {}", context.options.as_recorded));
  }
  page.meta.push_back(fmt::format("window {} to {}", FormatDate(from), FormatDate(as_of)));
  page.meta.push_back(fmt::format("commitments {} months ahead", o.months));
  if (!f.missing_plugins.empty()) page.banners.push_back(RulesMissingWarning(f.missing_plugins));
  page.headlines = Headlines(f, o.months);
  page.headline_source =
      "On bijstand: report cohort. Exits and duurzaam (of the exits in the window seen 6 and "
      "12 months on): report outcomes. Paid: report subsidy (what the schedules pay for the "
      "window's days). Committed: subsidy commitments, from the month after the as-of date.";
  // In the page's two columns: the caseload, the longest, beside the funnel and the line.
  page.figures.push_back(PlacementsPerMonth(f, programmes));
  page.figures.push_back(Funnel(f));
  page.figures.push_back(CaseloadPerKlantmanager(f));
  page.figures.push_back(DuurzameUitstroom(f));
  page.figures.push_back(CommitmentsAhead(f, programmes));
  page.figures.push_back(SubsidyPerEmployer(f));
  page.figures.push_back(CohortPerArea(f));
  page.footer = fmt::format(
      "Made by traject {} (traject report html). Only facts dated on or before {} count, with "
      "later corrections applied{}. Definitions of every figure: docs/reports.md; of this page: "
      "docs/dashboard.md.",
      TRAJECT_VERSION_STRING, FormatDate(as_of),
      context.options.as_recorded.empty()
          ? ""
          : fmt::format(", as the database recorded them on {}", context.options.as_recorded));

  const std::string html = dashboard::RenderPage(page);
  // Replaces a page of the user's own; mode 600, complete or not at all, never through a link.
  if (Status written = WritePrivateFile(o.out, html, ExistingFile::kReplaceOwn); !written.ok()) {
    return written;
  }
  const auto empty = std::count_if(page.figures.begin(), page.figures.end(),
                                   [](const ChartFigure& fig) { return fig.svg.empty; });
  context.out() << fmt::format(
      "Wrote {}: dashboard of organisation {} as of {}, window {} to {}, {} charts{}\n", o.out,
      f.organisation, FormatDate(as_of), FormatDate(from), FormatDate(as_of), page.figures.size(),
      empty ? fmt::format(" ({} without data)", empty) : std::string());
  return Status::OK();
}

}  // namespace

void AddDashboardCommand(CLI::App& report_group, Context& context) {
  auto options = std::make_shared<DashboardArgs>();
  CLI::App* html = report_group.add_subcommand(
      "html", "Write a self-contained HTML dashboard (charts of the reports) to a file");
  html->add_option("out", options->out,
                   "The HTML file to write (mode 600; replaces a file of your own, never a link "
                   "or another user's file)")
      ->required();
  html->add_option("--from", options->from,
                   "Window start (YYYY-MM-DD); default: the 36 months up to the as-of date, "
                   "from the first of its month 35 months before")
      ->check(NonEmptyDate());
  html->add_option("--months", options->months,
                   "Subsidy commitments: months after the as-of month (default 12)")
      ->check(CLI::Range(1, 120));
  html->footer(
      "Examples:\n  traject report html dashboard.html\n  traject --as-of 2025-12-31 report html "
      "dashboard-2025.html --from 2025-01-01 --months 6\nWhat each chart shows: docs/dashboard.md");
  OnRun(html, context, options, &RunDashboard);
}

}  // namespace traject::cli
