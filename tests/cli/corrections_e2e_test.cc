// End to end through the real binary: a coordinator corrects what was mistyped, sees what was
// corrected, when and by whom, and meets the pointers the lifecycle gives.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "cli/cli_runner.h"

namespace traject {
namespace {

using test::RunCli;

class CorrectionsE2eTest : public test::CliTest {
 protected:
  void SetUp() override {
    Ok({"init", "--org", "amsterdam"});
    Ok({"participant", "add", "--ref", "P-1", "--birth", "1988-04-12", "--area", "Bijlmer Oost",
        "--registered", "2024-01-08"});
    Ok({"trajectory", "start", "--ref", "P-1", "--programme", "zuidoostwerkt", "--track",
        "calibris-zorg", "--date", "2024-01-22"});
    Ok({"milestone", "record", "1", "intake", "--date", "2024-02-10"});
    Ok({"milestone", "record", "1", "vog", "--date", "2024-02-20"});
    Ok({"milestone", "record", "1", "start-wijkleerbedrijf", "--date", "2024-03-01"});
    Ok({"milestone", "record", "1", "praktijkbeoordeling", "--date", "2024-07-15"});
    Ok({"milestone", "record", "1", "praktijkverklaring", "--date", "2024-09-02"});
    Ok({"placement", "record", "1", "--employer", "Zonnehuis", "--hours", "32", "--wage", "2450.00",
        "--start", "2024-10-01"});
  }
};

TEST_F(CorrectionsE2eTest, EveryCorrectionIsShownWithWhenAndWho) {
  ASSERT_EQ(Run({"milestone", "correct", "1", "intake", "--reached", "2024-02-01", "--reason",
                 "typo: 1 Feb", "--date", "2024-11-01"},
                "a.bakker")
                .exit_code,
            0);
  Ok({"placement", "correct", "1", "--hours", "36", "--start", "2024-09-15", "--reason",
      "contract says 36 h from 15 Sep"});
  Ok({"loonwaarde", "set", "1", "--percent", "55", "--date", "2024-11-15"});
  Ok({"loonwaarde", "withdraw", "1", "--assessed", "2024-11-15", "--reason", "wrong person"});

  rapidjson::Document t = Json({"trajectory", "show", "1"});
  ASSERT_TRUE(t.HasMember("corrections"));
  const auto& corrections = t["corrections"];
  ASSERT_EQ(corrections.Size(), 3u);
  EXPECT_STREQ(corrections[0]["kind"].GetString(), "milestone.corrected");
  EXPECT_STREQ(corrections[0]["by"].GetString(), "a.bakker");
  EXPECT_STREQ(corrections[0]["date"].GetString(), "2024-11-01");
  EXPECT_STREQ(corrections[0]["reason"].GetString(), "typo: 1 Feb");
  EXPECT_NE(std::string(corrections[1]["what"].GetString()).find("start 2024-10-01 → 2024-09-15"),
            std::string::npos);
  EXPECT_STREQ(t["milestones"][0]["reached"].GetString(), "2024-02-01");
  EXPECT_STREQ(t["history"][0]["date"].GetString(), "2024-02-01");  // the move to intake moved
  EXPECT_STREQ(t["history"][2]["date"].GetString(), "2024-09-15");  // and the move to geplaatst
  EXPECT_STREQ(t["placements"][0]["hours"].GetString(), "36");
  EXPECT_STREQ(t["placements"][0]["loonwaarde"].GetString(), "");

  test::CliResult text = Run({"trajectory", "show", "1"});
  EXPECT_NE(text.out.find("Corrections"), std::string::npos) << text.out;

  // Participant changes and the end of a caseworker assignment.
  Ok({"participant", "assign", "P-1", "--name", "K. Smit", "--date", "2024-01-08"});
  Ok({"participant", "change", "P-1", "--area", "Osdorp", "--group", "statushouder", "--reason",
      "verhuisd"});
  Ok({"participant", "unassign", "P-1", "--reason", "caseload verdeeld"});
  rapidjson::Document p = Json({"participant", "show", "P-1"});
  EXPECT_STREQ(p["area"].GetString(), "Osdorp");
  EXPECT_STREQ(p["klantmanager"].GetString(), "");
  ASSERT_EQ(p["assignments"].Size(), 1u);
  EXPECT_STREQ(p["assignments"][0]["name"].GetString(), "K. Smit");
  EXPECT_EQ(p["corrections"].Size(), 2u);
}

TEST_F(CorrectionsE2eTest, ARefusedCorrectionSaysWhyAndChangesNothing) {
  const std::string before = test::Snapshot(db_);
  // The placement needs praktijkverklaring (2024-09-02) before its start.
  test::CliResult r = Run({"placement", "correct", "1", "--start", "2024-08-01", "--reason", "x"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("'praktijkverklaring'"), std::string::npos) << r.err;
  r = Run({"milestone", "correct", "1", "intake", "--reason", "nothing given"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  r = Run({"milestone", "correct", "1", "intake", "--reached", "", "--reason", "empty"});
  EXPECT_EQ(r.exit_code, 2) << r.err;  // an empty date is never today
  EXPECT_NE(r.err.find("empty date"), std::string::npos) << r.err;
  r = Run({"placement", "correct", "1", "--hours", "36"});  // no reason
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(test::Snapshot(db_), before);
}

TEST_F(CorrectionsE2eTest, TheLifecyclePointsToTheRightCommand) {
  test::CliResult r = Run({"trajectory", "advance", "1", "--to", "uitgestroomd"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("traject trajectory exit 1 --reason"), std::string::npos) << r.err;
  r = Run({"trajectory", "advance", "1", "--to", "terugval"});
  EXPECT_NE(r.err.find("traject trajectory return 1"), std::string::npos) << r.err;

  r = Run({"placement", "end", "1", "--date", "2025-03-31", "--reason", "einde contract"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("still geplaatst"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("traject trajectory exit 1 --reason work"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--to in-leerwerk"), std::string::npos) << r.out;
}

TEST_F(CorrectionsE2eTest, UitstroomFromIntakeAndInLeerwerk) {
  Ok({"participant", "add", "--ref", "P-2", "--registered", "2024-01-08"});
  Ok({"trajectory", "start", "--ref", "P-2", "--programme", "zuidoostwerkt", "--track",
      "calibris-zorg", "--date", "2024-01-22"});
  Ok({"milestone", "record", "2", "intake", "--date", "2024-02-01"});
  // A job found alone, straight from intake.
  Ok({"exit", "2", "--reason", "work", "--date", "2024-03-01"});
  rapidjson::Document t = Json({"trajectory", "show", "2"});
  EXPECT_STREQ(t["state"].GetString(), "uitgestroomd");
  EXPECT_STREQ(t["exit_reason"].GetString(), "work");
}

TEST_F(CorrectionsE2eTest, AReportWindowPastTheAsOfDateIsReported) {
  test::CliResult r = Run({"--as-of", "2025-01-01", "report", "placements", "--from", "2024-01-01",
                           "--to", "2025-06-30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("--to 2025-06-30 is after the as-of date 2025-01-01"), std::string::npos)
      << r.err;
}

TEST_F(CorrectionsE2eTest, AsOfMeansTheSameInEveryView) {
  Ok({"loonwaarde", "set", "1", "--percent", "50", "--date", "2025-01-15"});
  Ok({"participant", "assign", "P-1", "--name", "K. Smit", "--date", "2024-09-02"});
  // The schedule as of 2025-01-01 does not know the assessment of the 15th: forfait all month.
  rapidjson::Document early = Json({"--as-of", "2025-01-01", "subsidy", "schedule", "1", "--from",
                                    "2025-01-01", "--to", "2025-01-31"});
  ASSERT_TRUE(early.HasMember("placements")) << "no schedule";
  const auto& segments = early["placements"][0]["months"][0]["segments"];
  ASSERT_EQ(segments.Size(), 1u);
  EXPECT_STREQ(segments[0]["basis"].GetString(), "forfait");
  rapidjson::Document late =
      Json({"subsidy", "schedule", "1", "--from", "2025-01-01", "--to", "2025-01-31"});
  EXPECT_EQ(late["placements"][0]["months"][0]["segments"].Size(), 2u);
  // The participant as of a day: no klantmanager yet in June 2024; not registered in 2023.
  rapidjson::Document june = Json({"--as-of", "2024-06-30", "participant", "show", "P-1"});
  EXPECT_STREQ(june["klantmanager"].GetString(), "");
  EXPECT_EQ(Run({"--as-of", "2023-06-01", "participant", "show", "P-1"}).exit_code, 4);
}

// Placement 1 from 2024-10-01: the forfait ends 2025-04-01. Unassessed, the schedule says so
// from then; assessed later, it says for which days nothing was paid.
TEST_F(CorrectionsE2eTest, AScheduleSaysForWhichDaysAnAssessmentWasOverdue) {
  test::CliResult open = Run({"--as-of", "2025-06-30", "subsidy", "schedule", "1"});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  EXPECT_NE(open.out.find("loonwaarde assessment overdue since 2025-04-01"), std::string::npos)
      << open.out;
  Ok({"loonwaarde", "set", "1", "--percent", "50", "--date", "2025-05-12"});
  test::CliResult closed = Run({"--as-of", "2025-06-30", "subsidy", "schedule", "1"});
  ASSERT_EQ(closed.exit_code, 0) << closed.err;
  EXPECT_NE(closed.out.find("no loonwaarde assessment from 2025-04-01 until 2025-05-12"),
            std::string::npos)
      << closed.out;
  EXPECT_EQ(closed.out.find("overdue since"), std::string::npos) << closed.out;
}

TEST_F(CorrectionsE2eTest, ShowsSayWhatTheyCannotDo) {
  test::CliResult csv = Run({"--csv", "trajectory", "show", "1"});
  EXPECT_EQ(csv.exit_code, 3);
  EXPECT_NE(csv.err.find("no CSV form"), std::string::npos) << csv.err;
  // A closed trajectory has nothing overdue.
  Ok({"trajectory", "advance", "1", "--to", "afgebroken", "--date", "2025-02-01"});
  test::CliResult shown = Run({"trajectory", "show", "1"});
  EXPECT_EQ(shown.out.find("overdue"), std::string::npos) << shown.out;
  // A note with a line break stays on one table line.
  Ok({"milestone", "correct", "1", "vog", "--evidence", "VOG 1\nVOG 2", "--reason", "twee"});
  shown = Run({"trajectory", "show", "1"});
  EXPECT_NE(shown.out.find("VOG 1 \u21b5 VOG 2"), std::string::npos) << shown.out;
}

}  // namespace
}  // namespace traject
