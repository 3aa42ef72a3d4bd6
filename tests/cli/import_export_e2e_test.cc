// Import and export through the real binary: a round trip gives identical reports, and every
// kind of bad file is refused with file:line:column and leaves the database byte for byte as
// it was.
#include <gtest/gtest.h>
#include <filesystem>
#include <fstream>
#include <map>

#include "cli/cli_runner.h"

namespace traject {
namespace {

using test::RunCli;

const char* kParticipantsHeader = "ref,registered,birth,area,cohort,groups,bsn_verified\n";
const char* kEventsHeader =
    "kind,date,ref,trajectory,placement,programme,track,milestone,state,exit_reason,employer,"
    "hours,wage,percent,role,name,contact,text\n";

class ImportE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunCli({"--db", db_, "init", "--org", "amsterdam"}).exit_code, 0);
    ASSERT_EQ(RunCli({"--db", db_, "participant", "add", "--ref", "P-EXISTING", "--registered",
                      "2024-01-02"})
                  .exit_code,
              0);
  }

  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = dir_.File(name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // Imports `files`, expects failure with `expected` in the message, and the database unchanged.
  void ExpectRefused(const std::vector<std::string>& files, const std::string& expected) {
    const std::string before = test::Snapshot(db_);
    std::vector<std::string> args = {"--db", db_, "import"};
    args.insert(args.end(), files.begin(), files.end());
    test::CliResult r = RunCli(args);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find(expected), std::string::npos) << "expected '" << expected << "' in:\n"
                                                       << r.err;
    EXPECT_EQ(test::Snapshot(db_), before) << "database changed by a failed import";
  }

  test::TempDir dir_;
  std::string db_ = dir_.Database("import");
};

TEST_F(ImportE2eTest, BadDateNamesLineAndColumn) {
  const std::string p = Write("participants.csv", std::string(kParticipantsHeader) +
                                                      "P-1,2024-01-02,,Osdorp,,,no\n"
                                                      "P-2,2024-02-30,,Osdorp,,,no\n");
  ExpectRefused({p}, p + ":3:5: registered: not a date: no such day in that month");
}

TEST_F(ImportE2eTest, UnknownProgrammeAndTrackNameTheirColumns) {
  const std::string p =
      Write("participants.csv", std::string(kParticipantsHeader) + "P-1,2024-01-02,,Osdorp,,,no\n");
  const std::string e =
      Write("events.csv", std::string(kEventsHeader) +
                              "trajectory.started,2024-02-01,P-1,1,,nope,x,,,,,,,,,,,\n"
                              "trajectory.started,2024-02-01,P-1,2,,schiphol,nope,,,,,,,,,,,\n");
  ExpectRefused({p, e}, e + ":2:38: unknown programme 'nope'");
  ExpectRefused({p, e}, e + ":3:47: programme 'schiphol' has no track 'nope'");
  ExpectRefused({p, e}, "2 problems");
}

TEST_F(ImportE2eTest, AValueShiftedIntoAnIdentifierColumnIsNotRepeated) {
  // Values that are not identifiers in identifier columns, as a shifted column puts them there.
  const std::string p =
      Write("participants.csv", std::string(kParticipantsHeader) + "P-1,2024-01-02,,Osdorp,,,no\n");
  const std::string e =
      Write("events.csv", std::string(kEventsHeader) +
                              "123456782,2024-02-01,P-1,1,,schiphol,x,,,,,,,,,,,\n"
                              "placement.begun,2024-02-01,P-1,1,,schiphol,x,,,,,,,,,,,\n"
                              "trajectory.started,2024-02-01,P-1,2,,J. de Vries,x,,,,,,,,,,,\n");
  ExpectRefused({p, e}, e + ":2:1: unknown kind (a value not shaped like one)");
  ExpectRefused({p, e}, e + ":3:1: unknown kind 'placement.begun'");  // an identifier is named
  ExpectRefused({p, e}, e + ":4:38: unknown programme (a value not shaped like one)");
  const test::CliResult r = RunCli({"--db", db_, "import", p, e});
  EXPECT_EQ(r.err.find("123456782"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("de Vries"), std::string::npos) << r.err;
}

TEST_F(ImportE2eTest, DuplicateReference) {
  const std::string in_file = Write("dup.csv", std::string(kParticipantsHeader) +
                                                   "P-1,2024-01-02,,Osdorp,,,no\n"
                                                   "P-1,2024-01-03,,Osdorp,,,no\n");
  ExpectRefused({in_file}, in_file + ":3:1: participant 'P-1' is already registered");
  const std::string existing =
      Write("existing.csv", std::string(kParticipantsHeader) + "P-EXISTING,2024-01-02,,,,,no\n");
  ExpectRefused({existing}, existing + ":2:1:");
}

TEST_F(ImportE2eTest, WrongColumnCount) {
  const std::string p =
      Write("participants.csv", std::string(kParticipantsHeader) + "P-1,2024-01-02,,Osdorp\n");
  ExpectRefused({p}, p + ":2:17: 4 columns, expected 7");
}

TEST_F(ImportE2eTest, InvalidUtf8) {
  const std::string p = Write("participants.csv", std::string(kParticipantsHeader) +
                                                      "P-1,2024-01-02,,Osd\xff"
                                                      "rp,,,no\n");
  ExpectRefused({p}, p + ":2:17: invalid UTF-8");
}

TEST_F(ImportE2eTest, EmptyFileAndHeaderOnly) {
  const std::string empty = Write("empty.csv", "");
  ExpectRefused({empty}, empty + ":1:1: empty file");
  const std::string header = Write("header.csv", kParticipantsHeader);
  ExpectRefused({header}, header + ":2:1: no rows after the header");
}

TEST_F(ImportE2eTest, ContradictionInTheMiddleRollsEverythingBack) {
  const std::string p =
      Write("participants.csv", std::string(kParticipantsHeader) + "P-1,2024-01-02,,Osdorp,,,no\n");
  // Row 3 exits a trajectory that was never placed: an illegal transition found in pass 2.
  const std::string e =
      Write("events.csv",
            std::string(kEventsHeader) +
                "trajectory.started,2024-02-01,P-1,1,,schiphol,bagage-logistiek,,,,,,,,,,,\n"
                "trajectory.state-changed,2024-03-01,,1,,,,,uitgestroomd,work,,,,,,,,\n");
  ExpectRefused({p, e}, e + ":3:");
  ExpectRefused({p, e}, "illegal transition aangemeld -> uitgestroomd");
}

TEST_F(ImportE2eTest, FilesAsPeopleMakeThem) {
  // A byte-order mark, CRLF line ends and a quoted note with a line break in it.
  const std::string p =
      Write("participants.csv", "\xEF\xBB\xBF" + std::string(kParticipantsHeader) +
                                    "P-1,2024-01-02,,\"Oost, Watergraafsmeer\",,,no\r\n");
  const std::string e = Write(
      "events.csv", std::string(kEventsHeader) +
                        "trajectory.started,2024-02-01,P-1,1,,schiphol,bagage-logistiek,,,,,,,"
                        ",,,,\r\n"
                        "trajectory.state-changed,2024-03-01,,1,,,,,afgebroken,,,,,,,,,"
                        "\"verhuisd\r\nnaar Almere\"\r\n");
  test::CliResult r = RunCli({"--db", db_, "import", p, e});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  test::CliResult shown = RunCli({"--db", db_, "--json", "participant", "show", "P-1"});
  EXPECT_NE(shown.out.find("\"area\":\"Oost, Watergraafsmeer\""), std::string::npos) << shown.out;
  test::CliResult t = RunCli({"--db", db_, "--json", "trajectory", "show", "1"});
  EXPECT_NE(t.out.find("verhuisd\\r\\nnaar Almere"), std::string::npos) << t.out;
  // Exported and imported again, the note comes back whole.
  const std::string out = dir_.File("out");
  ASSERT_EQ(RunCli({"--db", db_, "export", "--csv", out}).exit_code, 0);
  EXPECT_NE(test::ReadFile(out + "/events.csv").find("\"verhuisd\r\nnaar Almere\""),
            std::string::npos);
}

// Spreadsheet-safe CSV (issue 21, item 5): text recorded by anyone that a spreadsheet would run
// as a formula is written with a guard in `export --csv` and in a `--csv` report, and an export
// imports back to the very same data.
TEST_F(ImportE2eTest, FormulasAreNotRunAndStillRoundTrip) {
  const std::string p = Write("participants.csv", std::string(kParticipantsHeader) +
                                                      "P-1,2024-01-02,,=cmd|' /C calc'!A0,,,no\n"
                                                      "P-2,2024-01-02,,'s-Hertogenbosch,,,no\n");
  const std::string e = Write(
      "events.csv",
      std::string(kEventsHeader) +
          "trajectory.started,2024-02-01,P-1,1,,schiphol,bagage-logistiek,,,,,,,,,,,\n"
          "milestone.reached,2024-02-05,,1,,,,intake,,,,,,,,,,\n"
          "milestone.reached,2024-02-10,,1,,,,vog,,,,,,,,,,+31 20 VOG-nummer\n"
          "milestone.reached,2024-02-11,,1,,,,schipholpas,,,,,,,,,,'=pas 12\n"
          "placement.started,2024-03-01,,1,1,,,,,,\"@SUM(1+1)*cmd|' /C calc'!A0\",32,2300.00,,,,,\n"
          "placement.ended,2024-04-01,,,1,,,,,,,,,,,,,\"-2+3, zei \"\"de\"\" werkgever\"\n");
  test::CliResult r = RunCli({"--db", db_, "import", p, e});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  test::CliResult shown = RunCli({"--db", db_, "--json", "participant", "show", "P-1"});
  EXPECT_NE(shown.out.find(R"("area":"=cmd|' /C calc'!A0")"), std::string::npos) << shown.out;

  // No cell of the export or of a --csv report starts a formula; the guard is an apostrophe.
  auto expect_no_formula = [](const std::string& csv, const std::string& what) {
    std::size_t cells = 0;
    for (std::size_t i = 0; i < csv.size(); ++i) {
      if (i != 0 && csv[i - 1] != ',' && csv[i - 1] != '\n') continue;
      std::size_t at = i + (csv[i] == '"' ? 1 : 0);
      if (at >= csv.size()) continue;
      ++cells;
      EXPECT_TRUE(std::string("=+-@\t").find(csv[at]) == std::string::npos)
          << what << ": a cell starts a formula at byte " << at;
    }
    EXPECT_GT(cells, 10u) << what;
  };
  const std::string out = dir_.File("out");
  ASSERT_EQ(RunCli({"--db", db_, "export", "--csv", out}).exit_code, 0);
  const std::string participants = test::ReadFile(out + "/participants.csv");
  const std::string events = test::ReadFile(out + "/events.csv");
  expect_no_formula(participants, "participants.csv");
  expect_no_formula(events, "events.csv");
  EXPECT_NE(participants.find(",'=cmd|' /C calc'!A0,"), std::string::npos) << participants;
  EXPECT_NE(participants.find(",'s-Hertogenbosch,"), std::string::npos) << participants;
  test::CliResult report = RunCli(
      {"--db", db_, "--as-of", "2024-12-31", "--csv", "report", "placements", "--by", "employer"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  expect_no_formula(report.out, "report placements --csv");
  EXPECT_NE(report.out.find("'@SUM(1+1)"), std::string::npos) << report.out;

  // Imported again, every value is what was recorded: the copy exports the very same files.
  const std::string copy = dir_.Database("copy");
  ASSERT_EQ(RunCli({"--db", copy, "init", "--org", "amsterdam"}).exit_code, 0);
  test::CliResult again_in = RunCli({"--db", copy, "import", out});
  ASSERT_EQ(again_in.exit_code, 0) << again_in.err;
  test::CliResult copied = RunCli({"--db", copy, "--json", "participant", "show", "P-1"});
  EXPECT_NE(copied.out.find(R"("area":"=cmd|' /C calc'!A0")"), std::string::npos) << copied.out;
  const std::string again = dir_.File("again");
  ASSERT_EQ(RunCli({"--db", copy, "export", "--csv", again}).exit_code, 0);
  EXPECT_EQ(test::ReadFile(again + "/events.csv"), events);
  EXPECT_EQ(test::ReadFile(again + "/participants.csv"), participants);
}

TEST_F(ImportE2eTest, EveryBadRowIsListedWithTheColumnOfItsBadField) {
  const std::string p = Write("participants.csv", std::string(kParticipantsHeader) +
                                                      "P-1,2024-01-02,,Osd\xff"
                                                      "rp,,,no\n"
                                                      "P-2,2024-13-01,,Osdorp,,,no\n"
                                                      "P-3,2024-01-02,,Osdorp,,vluchteling,no\n"
                                                      "P 4,2024-01-02,,Osdorp,,,no\n"
                                                      "P-5,2024-01-02,2020-01-01,Osdorp,,,no\n");
  ExpectRefused({p}, "5 problems");
  ExpectRefused({p}, p + ":2:17: invalid UTF-8");  // and reading goes on after it:
  ExpectRefused({p}, p + ":3:5: registered:");
  ExpectRefused({p}, p + ":4:25: groups:");
  ExpectRefused({p}, p + ":5:1: ref:");
  ExpectRefused({p}, p + ":6:16: birth: younger than 15");
}

TEST_F(ImportE2eTest, AContradictionNamesTheColumnOfTheFieldAtFault) {
  const std::string p =
      Write("participants.csv", std::string(kParticipantsHeader) + "P-1,2024-01-02,,Osdorp,,,no\n");
  // The trajectory starts before the participant's registration: the date column (col 20).
  const std::string e =
      Write("events.csv",
            std::string(kEventsHeader) +
                "trajectory.started,2023-12-01,P-1,1,,schiphol,bagage-logistiek,,,,,,,,,,,\n");
  ExpectRefused({p, e},
                e + ":2:20: participant 'P-1': the trajectory start on 2023-12-01 is before "
                    "the registration");
}

TEST(ExportImportRoundTripTest, IdenticalReports) {
  test::TempDir dir;
  const std::string source = dir.Database("source");
  test::CliResult demo = RunCli(
      {"--db", source, "--as-of", "2026-06-30", "demo", "--participants", "600", "--seed", "11"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  const std::string exported = dir.File("export");
  ASSERT_EQ(RunCli({"--db", source, "export", "--csv", exported}).exit_code, 0);

  const std::string copy = dir.Database("copy");
  ASSERT_EQ(RunCli({"--db", copy, "init", "--org", "amsterdam"}).exit_code, 0);
  test::CliResult imported = RunCli({"--db", copy, "import", exported});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  for (const char* by : {"programme", "track", "area", "group", "employer"}) {
    test::CliResult a = RunCli(
        {"--db", source, "--as-of", "2026-06-30", "--json", "report", "placements", "--by", by});
    test::CliResult b = RunCli(
        {"--db", copy, "--as-of", "2026-06-30", "--json", "report", "placements", "--by", by});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_GT(a.out.size(), 50u);
    EXPECT_EQ(a.out, b.out) << by;
  }
  // And the copy exports the very same files.
  const std::string again = dir.File("again");
  ASSERT_EQ(RunCli({"--db", copy, "export", "--csv", again}).exit_code, 0);
  EXPECT_EQ(test::ReadFile(exported + "/events.csv"), test::ReadFile(again + "/events.csv"));
  EXPECT_EQ(test::ReadFile(exported + "/participants.csv"),
            test::ReadFile(again + "/participants.csv"));
}

// The demo's check-in conversations come from a random stream of their own: with or without
// them the trajectories, placements and every report on them are the same; only conversations
// are added (which the benchmarks use to reach national event counts).
TEST(DemoE2eTest, CheckInsAddConversationsAndChangeNothingElse) {
  test::TempDir dir;
  std::map<std::string, std::string> reports;
  std::map<std::string, long long> events;
  for (const char* check_ins : {"0", "4", "12"}) {
    const std::string db = dir.Database(std::string("demo-") + check_ins);
    test::CliResult demo = RunCli({"--db", db, "--as-of", "2026-06-30", "demo", "--participants",
                                   "300", "--seed", "5", "--check-ins", check_ins});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    const std::size_t said = demo.out.find(" check-in conversations");
    ASSERT_NE(said, std::string::npos) << demo.out;
    const std::size_t number = demo.out.rfind(", ", said) + 2;
    events[check_ins] = std::stoll(demo.out.substr(number, said - number));
    test::CliResult report =
        RunCli({"--db", db, "--as-of", "2026-06-30", "--json", "report", "placements"});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    reports[check_ins] = report.out;
  }
  EXPECT_EQ(events["0"], 0);
  EXPECT_GT(events["4"], 300);  // several a year for most of the 300, over years
  EXPECT_GT(events["12"], 2 * events["4"]);
  EXPECT_EQ(reports["4"], reports["0"]);
  EXPECT_EQ(reports["12"], reports["0"]);
  // Out of range or not a number: refused before a database is made.
  for (const char* bad : {"-1", "53", "abc"}) {
    const std::string db = dir.File(std::string("bad-") + bad + ".db");
    test::CliResult refused = RunCli({"--db", db, "demo", "--check-ins", bad});
    EXPECT_NE(refused.exit_code, 0) << bad;
    EXPECT_NE(refused.err.find("check-ins"), std::string::npos) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(db)) << bad;
  }
}

}  // namespace
}  // namespace traject
