// End to end through the real binary: a Calibris participant from aanmelding to werkbehoud
// after 12 months, and the refusals a coordinator meets on the way.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fstream>

#include "cli/cli_runner.h"
#include "traject/version.h"

namespace traject {
namespace {

using test::RunCli;

using LifecycleE2eTest = test::CliTest;

TEST_F(LifecycleE2eTest, CalibrisFromAanmeldingToWerkbehoud) {
  Ok({"init", "--org", "amsterdam", "--name", "Gemeente Amsterdam"});
  // The BSN is kept as a keyed hash: the key is a file of the coordinator's own.
  const std::string key = dir_.File("bsn.key");
  std::ofstream(key) << "a secret of at least thirty-two bytes, kept outside the database\n";
  std::filesystem::permissions(
      key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  Ok({"--bsn-key-file", key, "participant", "add", "--ref", "P-1001", "--birth", "1988-04-12",
      "--area", "Bijlmer Oost", "--group", "statushouder", "--registered", "2024-01-08", "--bsn",
      "111222333"});
  test::CliResult found = Run({"--bsn-key-file", key, "participant", "find", "--bsn", "111222333"});
  EXPECT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("Participant   P-1001"), std::string::npos) << found.out;
  EXPECT_EQ(Run({"participant", "find", "--bsn", "111222333"}).exit_code, 3);  // no key
  Ok({"participant", "assign", "P-1001", "--name", "A. Bakker", "--date", "2024-01-08"});
  Ok({"participant", "contact", "P-1001", "--kind", "conversation", "--date", "2024-01-15"});
  Ok({"trajectory", "start", "--ref", "P-1001", "--programme", "zuidoostwerkt", "--track",
      "calibris-zorg", "--date", "2024-01-22"});
  Ok({"milestone", "record", "1", "intake", "--date", "2024-02-01"});
  Ok({"milestone", "record", "1", "vog", "--date", "2024-02-20", "--evidence", "VOG 2024-0042"});
  Ok({"milestone", "record", "1", "start-wijkleerbedrijf", "--date", "2024-03-01"});
  Ok({"milestone", "record", "1", "praktijkbeoordeling", "--date", "2024-07-15"});
  Ok({"milestone", "record", "1", "praktijkverklaring", "--date", "2024-09-30"});
  Ok({"placement", "record", "1", "--employer", "Zonnehuis Zuidoost", "--hours", "32", "--wage",
      "2450.00", "--start", "2024-10-01"});
  Ok({"loonwaarde", "set", "1", "--percent", "60", "--date", "2024-11-15"});
  Ok({"trajectory", "exit", "1", "--reason", "work", "--date", "2025-01-01"});

  rapidjson::Document t = Json({"trajectory", "show", "1"});
  EXPECT_STREQ(t["state"].GetString(), "uitgestroomd");
  EXPECT_STREQ(t["exit_reason"].GetString(), "work");
  EXPECT_EQ(t["milestones"].Size(), 5u);
  EXPECT_EQ(t["history"].Size(), 4u);  // intake, in-leerwerk, geplaatst, uitgestroomd
  EXPECT_STREQ(t["history"][2]["to"].GetString(), "geplaatst");

  // Twelve months after placement the job is still there: werkbehoud.
  rapidjson::Document report = Json({"--as-of", "2025-10-01", "report", "placements"});
  ASSERT_TRUE(report.IsArray());
  ASSERT_EQ(report.Size(), 2u);  // zuidoostwerkt and the total
  EXPECT_STREQ(report[0]["programme"].GetString(), "zuidoostwerkt");
  EXPECT_EQ(report[0]["active"].GetInt(), 1);
  EXPECT_EQ(report[0]["werkbehoud_6m_pct"].GetInt(), 100);
  EXPECT_GT(report[0]["lks_total"].GetInt64(), 0);

  // Schedule: forfait from October, loonwaarde 60 % from 15 November, re-set on 1 January.
  rapidjson::Document schedule = Json({"subsidy", "schedule", "1", "--to", "2025-01-31"});
  const auto& months = schedule["placements"][0]["months"];
  ASSERT_EQ(months.Size(), 4u);
  EXPECT_STREQ(months[0]["segments"][0]["basis"].GetString(), "forfait");
  EXPECT_EQ(months[1]["segments"].Size(), 2u);
  EXPECT_STREQ(months[3]["segments"][0]["parameter_date"].GetString(), "2025-01-01");

  // Premiums: the uitstroompremie on exit (paid in June) and ZuidoostWerkt!'s employer premium
  // after six months of werkbehoud.
  rapidjson::Document premiums = Json({"--as-of", "2025-10-01", "subsidy", "premiums", "1"});
  bool uitstroom = false, werkbehoud = false;
  for (const auto& p : premiums.GetArray()) {
    const std::string id = p["premium"].GetString();
    if (id == "uitstroompremie") {
      uitstroom = true;
      EXPECT_STREQ(p["payable"].GetString(), "2025-06-01");
    }
    if (id == "zow-werkbehoudpremie") {
      werkbehoud = true;
      EXPECT_STREQ(p["earned"].GetString(), "2025-04-01");
      EXPECT_EQ(p["amount"].GetInt64(), 100000);
    }
  }
  EXPECT_TRUE(uitstroom);
  EXPECT_TRUE(werkbehoud);

  // The same trajectory as it stood on earlier dates.
  rapidjson::Document mid = Json({"--as-of", "2024-06-01", "trajectory", "show", "1"});
  EXPECT_STREQ(mid["state"].GetString(), "in-leerwerk");
  EXPECT_STREQ(mid["state_since"].GetString(), "2024-03-01");
  EXPECT_TRUE(mid["exit_reason"].IsNull());
  EXPECT_EQ(mid["placements"].Size(), 0u);
  EXPECT_STREQ(mid["milestones"][3]["status"].GetString(), "open");
  rapidjson::Document listed =
      Json({"--as-of", "2024-11-01", "trajectory", "list", "--state", "geplaatst"});
  ASSERT_EQ(listed.Size(), 1u);
  EXPECT_STREQ(listed[0]["since"].GetString(), "2024-10-01");
  EXPECT_EQ(Json({"--as-of", "2024-01-21", "trajectory", "list"}).Size(), 0u);
  EXPECT_EQ(Run({"--as-of", "2024-01-21", "trajectory", "show", "1"}).exit_code, 4);

  rapidjson::Document participant = Json({"participant", "show", "P-1001"});
  EXPECT_STREQ(participant["klantmanager"].GetString(), "A. Bakker");
  EXPECT_TRUE(participant["bsn_verified"].GetBool());
}

TEST_F(LifecycleE2eTest, RefusalsHaveDistinctExitCodesAndChangeNothing) {
  Ok({"init", "--org", "amsterdam"});
  Ok({"participant", "add", "--ref", "P-1", "--registered", "2024-01-08"});
  Ok({"trajectory", "start", "--ref", "P-1", "--programme", "schiphol", "--track",
      "bagage-logistiek", "--date", "2024-01-10"});
  const std::string before = test::Snapshot(db_);

  test::CliResult illegal = Run({"exit", "1", "--date", "2024-02-01"});
  EXPECT_EQ(illegal.exit_code, 3);
  EXPECT_NE(illegal.err.find("illegal transition aangemeld -> uitgestroomd"), std::string::npos)
      << illegal.err;

  test::CliResult placement_too_early =
      Run({"placement", "record", "1", "--employer", "KLM", "--hours", "32", "--wage", "2300",
           "--start", "2024-02-01"});
  EXPECT_EQ(placement_too_early.exit_code, 3);
  EXPECT_NE(placement_too_early.err.find("'vog'"), std::string::npos) << placement_too_early.err;

  EXPECT_EQ(Run({"participant", "add", "--ref", "P-1"}).exit_code, 5);
  EXPECT_EQ(Run({"trajectory", "show", "99"}).exit_code, 4);
  EXPECT_EQ(Run({"participant", "add", "--ref", "P-2", "--birth", "1990-02-30"}).exit_code, 3);
  EXPECT_EQ(Run({"participant", "add", "--ref", "P-2", "--bsn", "123456789"}).exit_code, 3);

  test::CliResult typo = Run({"partcipant", "list"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean 'participant'"), std::string::npos) << typo.err;

  EXPECT_EQ(test::Snapshot(db_), before);
}

// The version the CLI prints is the build's (CMake's project version), not a literal of its own.
TEST(CliVersionTest, IsTheBuildsVersion) {
  test::CliResult version = test::RunCli({"--version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_EQ(version.out, std::string("traject ") + TRAJECT_VERSION_STRING + "\n");
}

TEST_F(LifecycleE2eTest, HelpHasAWorkedExampleOnEveryCommand) {
  for (std::vector<std::string> command :
       std::vector<std::vector<std::string>>{{"init"},
                                             {"participant", "add"},
                                             {"participant", "list"},
                                             {"participant", "show"},
                                             {"trajectory", "start"},
                                             {"trajectory", "show"},
                                             {"trajectory", "list"},
                                             {"milestone", "record"},
                                             {"placement", "record"},
                                             {"placement", "end"},
                                             {"loonwaarde", "set"},
                                             {"trajectory", "exit"},
                                             {"trajectory", "return"},
                                             {"exit"},
                                             {"return"},
                                             {"subsidy", "lks"},
                                             {"subsidy", "schedule"},
                                             {"report", "placements"},
                                             {"plugins", "list"},
                                             {"plugins", "check"},
                                             {"import"},
                                             {"export"},
                                             {"demo"}}) {
    command.push_back("--help");
    test::CliResult help = RunCli(command);
    EXPECT_EQ(help.exit_code, 0) << command[0];
    EXPECT_NE(help.out.find("Example"), std::string::npos) << command[0] << " " << command[1];
  }
}

TEST(SubsidyCliTest, CalculatorMatchesTheHandWorkedExample) {
  test::CliResult r = test::RunCli({"subsidy", "lks", "--date", "2025-03-01", "--hours", "36",
                                    "--loonwaarde", "40", "--json", "--explain"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  EXPECT_EQ(doc["monthly_subsidy_cents"].GetInt64(), 175531);
  EXPECT_EQ(doc["base_cents"].GetInt64(), 236883);
  EXPECT_STREQ(doc["rule_version"].GetString(), "lks-2024");
  EXPECT_GE(doc["explanation"]["steps"].Size(), 5u);
  test::CliResult what_if = test::RunCli({"subsidy", "lks", "--date", "2025-03-01", "--hours", "36",
                                          "--loonwaarde", "50", "--wml-cents", "200000", "--json"});
  rapidjson::Document w;
  w.Parse(what_if.out.c_str());
  EXPECT_EQ(w["monthly_subsidy_cents"].GetInt64(), 133380);
  test::CliResult text = test::RunCli({"subsidy", "lks", "--date", "2025-03-01", "--hours", "36",
                                       "--loonwaarde", "40", "--explain"});
  EXPECT_NE(text.out.find("€1,755.31"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("rounded"), std::string::npos);
}

}  // namespace
}  // namespace traject
