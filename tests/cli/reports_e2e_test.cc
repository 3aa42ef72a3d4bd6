// Every report through the real binary on a demo database: the table, the CSV and the JSON carry
// the same figures, --as-recorded shows the past read-only, and refusals have their exit codes.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>

#include "cli/cli_runner.h"

namespace traject {
namespace {

using test::RunCli;

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = rows.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r') {
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      field += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

// A line split into code points, so that columns line up as the terminal shows them.
std::vector<std::string> CodePoints(const std::string& line) {
  std::vector<std::string> out;
  for (unsigned char c : line) {
    if ((c & 0xC0) != 0x80 || out.empty()) {
      out.emplace_back(1, static_cast<char>(c));
    } else {
      out.back() += static_cast<char>(c);
    }
  }
  return out;
}

std::string Trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}

// The rows of an aligned table: the columns are where the rule line's dashes are.
std::vector<std::vector<std::string>> ParseTable(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  std::size_t rule = 0;
  while (rule < lines.size() &&
         (lines[rule].empty() || lines[rule].find_first_not_of("- ") != std::string::npos)) {
    ++rule;
  }
  std::vector<std::pair<std::size_t, std::size_t>> columns;  // [first, last] code points
  const std::string& dashes = lines.at(rule);
  for (std::size_t i = 0; i < dashes.size(); ++i) {
    if (dashes[i] != '-') continue;
    const std::size_t first = i;
    while (i + 1 < dashes.size() && dashes[i + 1] == '-') ++i;
    columns.push_back({first, i});
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t l = rule + 1; l < lines.size(); ++l) {
    const std::vector<std::string> points = CodePoints(lines[l]);
    if (points.empty()) break;  // the table ends; a footer may follow
    std::vector<std::string> row;
    for (const auto& [first, last] : columns) {
      std::string cell;
      for (std::size_t p = first; p <= last && p < points.size(); ++p) cell += points[p];
      row.push_back(Trim(cell));
    }
    rows.push_back(row);
  }
  return rows;
}

// "€1,234.56" -> "1234.56": the CSV form of a table's euros.
std::string PlainEuros(std::string text) {
  std::string out;
  for (char c : text) {
    if (c != ',') out += c;
  }
  const std::string euro = "\u20ac";
  const auto at = out.find(euro);
  if (at != std::string::npos) out.erase(at, euro.size());
  return out;
}

std::string JsonText(const rapidjson::Value& v) {
  if (v.IsNull()) return "";
  if (v.IsString()) return v.GetString();
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  // A one-decimal percentage, written as it is in the CSV.
  return fmt::format("{:.1f}", v.GetDouble());
}

class ReportsE2eTest : public test::CliTest {
 protected:
  void SetUp() override {
    CliResult demo =
        Run({"--as-of", kAsOf, "demo", "--participants", "600", "--seed", "7", "--check-ins", "1"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
  }

  using CliResult = test::CliResult;
  static constexpr const char* kAsOf = "2026-11-24";

  // Runs one report in all three formats and checks that they carry the same figures.
  void ExpectSameFiguresInEveryFormat(std::vector<std::string> report) {
    report.insert(report.begin(), {"--as-of", kAsOf, "report"});
    SCOPED_TRACE(fmt::format("{}", fmt::join(report, " ")));
    CliResult table = Run(report);
    ASSERT_EQ(table.exit_code, 0) << table.err;
    std::vector<std::string> csv_args = report, json_args = report;
    csv_args.push_back("--csv");
    json_args.push_back("--json");
    CliResult csv = Run(csv_args);
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    CliResult json = Run(json_args);
    ASSERT_EQ(json.exit_code, 0) << json.err;

    const std::vector<std::vector<std::string>> records = ParseCsv(csv.out);
    ASSERT_GE(records.size(), 2u) << csv.out;  // a header and at least the total
    const std::vector<std::string>& header = records[0];
    rapidjson::Document doc;
    doc.Parse(json.out.c_str());
    ASSERT_TRUE(doc.IsArray()) << json.out;
    ASSERT_EQ(doc.Size() + 1, records.size());
    const std::vector<std::vector<std::string>> rows = ParseTable(table.out);
    ASSERT_EQ(rows.size() + 1, records.size()) << table.out;

    for (std::size_t r = 1; r < records.size(); ++r) {
      const std::vector<std::string>& record = records[r];
      ASSERT_EQ(record.size(), header.size());
      const rapidjson::Value& object = doc[static_cast<rapidjson::SizeType>(r - 1)];
      ASSERT_EQ(object.MemberCount(), header.size());
      // CSV against JSON, column by column (money: euros against cents).
      for (std::size_t c = 0; c < header.size(); ++c) {
        ASSERT_TRUE(object.HasMember(header[c].c_str())) << header[c];
        const rapidjson::Value& value = object[header[c].c_str()];
        std::string expected = JsonText(value);
        if (value.IsInt64() && record[c].find('.') != std::string::npos &&
            !header[c].ends_with("_pct")) {
          const std::int64_t cents = value.GetInt64();
          expected = fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", std::abs(cents) / 100,
                                 std::abs(cents) % 100);
        }
        EXPECT_EQ(record[c], expected) << "row " << r << ", " << header[c];
      }
      // The table against the CSV: a share's three columns are one cell "n/base (p%)".
      const std::vector<std::string>& cells = rows[r - 1];
      std::size_t c = 0;
      for (const std::string& cell : cells) {
        ASSERT_LT(c, header.size());
        const bool share = c + 2 < header.size() && header[c + 1] == header[c] + "_base" &&
                           header[c + 2] == header[c] + "_pct";
        if (share) {
          const std::string expected =
              record[c + 1] == "0"
                  ? "0/0"
                  : fmt::format("{}/{} ({}%)", record[c], record[c + 1], record[c + 2]);
          EXPECT_EQ(cell, expected) << "row " << r << ", " << header[c];
          c += 3;
          continue;
        }
        if (cell != record[c]) {
          EXPECT_EQ(PlainEuros(cell), record[c]) << "row " << r << ", " << header[c];
        }
        ++c;
      }
      EXPECT_EQ(c, header.size()) << "row " << r;
    }
  }
};

TEST_F(ReportsE2eTest, EveryReportCarriesTheSameFiguresInTableCsvAndJson) {
  ExpectSameFiguresInEveryFormat({"caseload"});
  ExpectSameFiguresInEveryFormat({"milestones"});
  ExpectSameFiguresInEveryFormat({"milestones", "--by", "klantmanager", "--due-weeks", "8"});
  ExpectSameFiguresInEveryFormat({"loonwaarde"});
  ExpectSameFiguresInEveryFormat({"subsidy", "--from", "2025-01-01"});
  ExpectSameFiguresInEveryFormat({"subsidy", "--blocked"});
  ExpectSameFiguresInEveryFormat({"outcomes", "--from", "2024-01-01", "--to", "2024-12-31"});
  ExpectSameFiguresInEveryFormat({"outcomes", "--by", "group", "--long-months", "24"});
  ExpectSameFiguresInEveryFormat({"flow", "--by", "month", "--from", "2025-01-01"});
  ExpectSameFiguresInEveryFormat({"cohort", "--recent-months", "6"});
  ExpectSameFiguresInEveryFormat({"wioa", "--by", "track", "--from", "2022-01-01"});
  ExpectSameFiguresInEveryFormat({"placements", "--by", "area"});
}

TEST_F(ReportsE2eTest, TheReportsTellOneStory) {
  // The caseload's total is everyone on bijstand with or without a klantmanager; the cohort
  // report counts the same people on bijstand.
  rapidjson::Document caseload =
      Json({"--as-of", kAsOf, "report", "caseload", "--role", "klantmanager"});
  rapidjson::Document cohort = Json({"--as-of", kAsOf, "report", "cohort"});
  ASSERT_TRUE(caseload.IsArray() && cohort.IsArray());
  const auto& caseload_total = caseload[caseload.Size() - 1];
  const auto& cohort_total = cohort[cohort.Size() - 1];
  EXPECT_STREQ(caseload_total["name"].GetString(), "total");
  EXPECT_EQ(caseload_total["on_bijstand"].GetInt64(), cohort_total["on_bijstand"].GetInt64());
  EXPECT_GT(cohort_total["on_bijstand"].GetInt64(), 0);
  // Exits counted by the outcome report over all time are the cohort's uitgestroomd at least
  // (someone can leave twice).
  rapidjson::Document outcomes = Json({"--as-of", kAsOf, "report", "outcomes"});
  EXPECT_GE(outcomes[outcomes.Size() - 1]["uitstroom"].GetInt64(),
            cohort_total["uitgestroomd"].GetInt64());
  // The klantmanager filter of participant list gives that caseload.
  const std::string name = caseload[0]["name"].GetString();
  rapidjson::Document listed =
      Json({"--as-of", kAsOf, "participant", "list", "--klantmanager", name});
  EXPECT_EQ(static_cast<std::int64_t>(listed.Size()), caseload[0]["participants"].GetInt64());
  // A name nobody had is not an empty caseload: not found (4), naming it; an empty one is bad
  // input (3).
  for (const std::vector<std::string>& filtered : {std::vector<std::string>{"participant", "list"},
                                                   {"trajectory", "list"},
                                                   {"report", "loonwaarde"},
                                                   {"report", "milestones"}}) {
    std::vector<std::string> args = {"--as-of", kAsOf};
    args.insert(args.end(), filtered.begin(), filtered.end());
    args.insert(args.end(), {"--klantmanager", name + " "});
    CliResult unknown = Run(args);
    EXPECT_EQ(unknown.exit_code, 4) << filtered[0] << " " << filtered[1] << unknown.err;
    EXPECT_NE(unknown.err.find("named '" + name + " '"), std::string::npos) << unknown.err;
    args.back() = "";
    EXPECT_EQ(Run(args).exit_code, 3) << filtered[0] << " " << filtered[1];
  }
}

TEST_F(ReportsE2eTest, AsRecordedShowsWhatWasKnownAndWritesNothing) {
  // Everything in this database was recorded by the fixture, years after 2020: then it knew
  // nothing. (Not "yesterday": a run that crosses midnight would see the fixture's own day.)
  const std::string today = FormatDate(Today());
  CliResult then = Run({"--as-recorded", "2020-01-01", "participant", "list", "--csv"});
  ASSERT_EQ(then.exit_code, 0) << then.err;
  EXPECT_EQ(ParseCsv(then.out).size(), 1u) << then.out;  // the header alone
  EXPECT_NE(then.err.find("note: nothing was recorded by the end of 2020-01-01"), std::string::npos)
      << then.err;
  // As recorded today, with the same as-of date, every report equals the live one.
  for (const std::vector<std::string>& report :
       {std::vector<std::string>{"report", "cohort"},
        std::vector<std::string>{"report", "outcomes", "--by", "month"},
        std::vector<std::string>{"report", "subsidy", "--by", "programme"}}) {
    std::vector<std::string> live = {"--as-of", kAsOf},
                             recorded = {"--as-recorded", today, "--as-of", kAsOf};
    live.insert(live.end(), report.begin(), report.end());
    recorded.insert(recorded.end(), report.begin(), report.end());
    live.push_back("--json");
    recorded.push_back("--json");
    CliResult a = Run(live), b = Run(recorded);
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(a.out, b.out) << report[1];
  }
  // The past is read-only, and an as-of date after it knows nothing more.
  const std::string before = test::Snapshot(db_);
  CliResult write = Run({"--as-recorded", today, "participant", "contact", "P000001", "--kind",
                         "conversation", "--date", kAsOf});
  EXPECT_EQ(write.exit_code, 3) << write.err;
  EXPECT_NE(write.err.find("read-only"), std::string::npos) << write.err;
  EXPECT_EQ(test::Snapshot(db_), before);
  CliResult later =
      Run({"--as-recorded", "2025-01-01", "--as-of", "2025-06-01", "report", "cohort"});
  EXPECT_EQ(later.exit_code, 3);
  EXPECT_NE(later.err.find("--as-of 2025-06-01 is after --as-recorded 2025-01-01"),
            std::string::npos)
      << later.err;
}

// The dashboard's own checks run in a browser (tests/dashboard); this one runs its code in every
// build, the sanitizer build included: every chart is on the page with a drawing, nothing fetched.
TEST_F(ReportsE2eTest, TheDashboardHasEveryChartAndNeedsNoNetwork) {
  const std::string out = dir_.File("dashboard.html");
  CliResult html = Run({"--as-of", kAsOf, "report", "html", out, "--from", "2025-01-01"});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  const std::string page = test::ReadFile(out);
  for (const char* chart :
       {"placements-per-month", "outcome-funnel", "duurzame-uitstroom", "subsidy-commitments",
        "subsidy-employers", "caseload-klantmanager", "cohort-per-area"}) {
    const std::size_t at = page.find(fmt::format("data-chart=\"{}\"", chart));
    ASSERT_NE(at, std::string::npos) << chart;
    const std::size_t end = page.find("</figure>", at);
    EXPECT_NE(page.substr(at, end - at).find("<svg "), std::string::npos) << chart;
  }
  EXPECT_EQ(page.find("src=\"http"), std::string::npos);
  EXPECT_EQ(page.find("href=\"http"), std::string::npos);
}

TEST_F(ReportsE2eTest, RefusalsSayWhatAndHaveTheirExitCodes) {
  CliResult by = Run({"report", "cohort", "--by", "employer"});
  EXPECT_EQ(by.exit_code, 3);
  EXPECT_NE(by.err.find("the cohort report is by area, group, klantmanager, not employer"),
            std::string::npos)
      << by.err;
  CliResult unknown = Run({"report", "outcomes", "--by", "colour"});
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_NE(unknown.err.find("--by: unknown grouping 'colour'"), std::string::npos) << unknown.err;
  CliResult flow = Run({"report", "flow"});
  EXPECT_EQ(flow.exit_code, 3);
  EXPECT_NE(flow.err.find("--from: required"), std::string::npos) << flow.err;
  // (Reports refused without a programme's plugin: plugins_e2e_test.)
  CliResult csv = Run({"report", "caseload", "--csv", "--json"});
  EXPECT_EQ(csv.exit_code, 2);
}

}  // namespace
}  // namespace traject
