// End to end through the real binary: `participant export` and `participant forget` on a demo
// database. A forget keeps every aggregate: each report, in CSV, is the same before and after,
// once the pseudonyms are read back as the references they replaced (lists of people name the
// pseudonym, nothing else changes), and the audit chain still verifies.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "cli/cli_runner.h"
#include "cli/every_report.h"

namespace traject {
namespace {

class ParticipantRightsE2eTest : public test::CliTest {
 protected:
  static constexpr const char* kAsOf = "2026-11-24";

  void SetUp() override {
    test::CliResult demo = Run(
        {"--as-of", kAsOf, "demo", "--participants", "300", "--seed", "11", "--check-ins", "1"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
  }

  // Participants with a trajectory in each state there is, so the forgotten touch every report.
  std::vector<std::string> OnePerState() {
    test::CliResult list = Run({"--csv", "trajectory", "list"});
    EXPECT_EQ(list.exit_code, 0) << list.err;
    std::istringstream lines(list.out);
    std::string line;
    std::getline(lines, line);  // the header: id,ref,programme,track,state,...
    std::map<std::string, std::string> by_state;
    while (std::getline(lines, line)) {
      std::vector<std::string> cells;
      std::istringstream row(line);
      for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
      if (cells.size() > 4) by_state.emplace(cells[4], cells[1]);
    }
    std::set<std::string> refs;
    for (const auto& [state, ref] : by_state) refs.insert(ref);
    return {refs.begin(), refs.end()};
  }
};

TEST_F(ParticipantRightsE2eTest, AnExportIsJsonOfEverythingAboutThemInAPrivateFile) {
  const std::string ref = OnePerState().front();
  const std::string file = (dir_.path() / "export.json").string();
  test::CliResult r = Run({"participant", "export", ref, "--out", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u) << "an export of personal data readable by others";
  rapidjson::Document doc;
  doc.Parse(test::ReadFile(file).c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["format"].GetString(), "traject-participant-export");
  EXPECT_EQ(doc["participant"]["ref"].GetString(), ref);
  ASSERT_GE(doc["trajectories"].Size(), 1u);
  ASSERT_GE(doc["events"].Size(), 2u);
  for (const auto& e : doc["events"].GetArray()) {
    EXPECT_EQ(e["stream"].GetString(), "participant/" + ref);
    EXPECT_TRUE(e["payload"].IsObject());
  }
  // Never overwritten; standard output gives the same document.
  EXPECT_EQ(Run({"participant", "export", ref, "--out", file}).exit_code, 3);
  EXPECT_EQ(Run({"participant", "export", ref}).out, test::ReadFile(file));
  EXPECT_EQ(Run({"participant", "export", "no-such-ref"}).exit_code, 4);
}

TEST_F(ParticipantRightsE2eTest, AForgetKeepsEveryReportAndTheAuditChain) {
  const std::vector<std::string> refs = OnePerState();
  ASSERT_GE(refs.size(), 3u);
  const std::string before = test::EveryReportCsv(db_, kAsOf);
  const std::string head = Run({"audit", "head"}).out;

  // An empty file name is no file: refused, nothing printed (the export holds personal data).
  test::CliResult empty_out = Run({"participant", "export", refs[0], "--out", ""});
  EXPECT_EQ(empty_out.exit_code, 3) << empty_out.err;
  EXPECT_TRUE(empty_out.out.empty()) << empty_out.out;

  // Without --yes nothing happens.
  test::CliResult unconfirmed = Run({"participant", "forget", refs[0]});
  EXPECT_EQ(unconfirmed.exit_code, 3) << unconfirmed.err;
  EXPECT_NE(unconfirmed.err.find("--yes"), std::string::npos) << unconfirmed.err;
  EXPECT_EQ(Run({"audit", "head"}).out, head);

  // A forget needs the audit key, kept outside the database like the BSN key.
  const std::string key = (dir_.path() / "audit.key").string();
  std::ofstream(key) << std::string(40, 'a') << "\n";
  ::chmod(key.c_str(), 0600);
  EXPECT_EQ(Run({"participant", "forget", refs[0], "--yes"}).exit_code, 3) << "forgot keyless";

  std::map<std::string, std::string> pseudonyms;
  for (const std::string& ref : refs) {
    rapidjson::Document done =
        Json({"--audit-key-file", key, "participant", "forget", ref, "--yes"});
    ASSERT_TRUE(done.IsObject());
    EXPECT_GT(done["events_rewritten"].GetInt64(), 0);
    pseudonyms[done["pseudonym"].GetString()] = ref;
  }
  EXPECT_EQ(test::EveryReportCsv(db_, kAsOf, pseudonyms), before);

  test::CliResult verify = Run({"audit", "verify", "--head", head.substr(0, head.find('\n'))});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.err.find("not authenticated"), std::string::npos) << verify.err;
  test::CliResult keyed = Run({"--audit-key-file", key, "audit", "verify"});
  EXPECT_EQ(keyed.exit_code, 0) << keyed.out << keyed.err;
  EXPECT_NE(keyed.out.find(fmt::format("{} forgets authenticated", pseudonyms.size())),
            std::string::npos)
      << keyed.out;

  for (const auto& [pseudonym, ref] : pseudonyms) {
    EXPECT_EQ(Run({"participant", "show", ref}).exit_code, 4) << ref;
    test::CliResult exported = Run({"participant", "export", pseudonym});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.out.find("\"forgotten\": true"), std::string::npos);
    EXPECT_EQ(exported.out.find(ref + "\""), std::string::npos) << ref << " in\n" << exported.out;
    test::CliResult again =
        Run({"--audit-key-file", key, "participant", "forget", pseudonym, "--yes"});
    EXPECT_EQ(again.exit_code, 5) << again.err;  // conflict: already done
  }
}

}  // namespace
}  // namespace traject
