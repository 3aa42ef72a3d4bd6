// Tenant isolation, attacked through the real binary (issue #11, item 1; docs/security.md): two
// organisations in one database with the same participant references and trajectory and
// placement ids, and every `traject` command that reads or writes, run with `--org` of one,
// against the other's data. The library half is tests/storage/tenant_isolation_test.cc.
//
//   1. Before and after: every read command's output (text and JSON, and the files export and
//      report html write) for org-a is kept, then org-b's data is written, and every output must
//      be byte for byte the same.
//   2. The other's data: no output for org-a shows a reference, name, area, employer, evidence,
//      reason or audit link that only org-b holds, as org-b's own JSON output lists them; and the
//      other way round.
//   3. Attacks: each write command run for org-a names a reference or id only org-b has and must
//      exit 4 (not found); afterwards every read for org-b gives what it gave before, and so do
//      writes org-a makes to the references and ids both have.
//
// A new command is one more line in ReadCommands() or Attacks().
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>

#include "cli/cli_runner.h"

namespace traject {
namespace {

constexpr int kExitNotFound = 4;  // docs/cli.md

struct Tenant {
  std::string org, word, bsn;
  std::vector<std::string> extras;  // references only this organisation has
  bool more = false;                // the first extra gets trajectory 3 and placement 2
};
const Tenant kA{"org-a", "Amstel", "111222333", {"A-9"}, false};
const Tenant kB{"org-b", "Beemster", "123456782", {"B-7", "B-8"}, true};

// Names either organisation uses, so that every lookup is tried with the other's too.
const std::vector<std::string> kRefs = {"P-1", "P-2", "A-9", "B-7", "B-8"};
const std::vector<std::string> kTrajectories = {"1", "2", "3"};
const std::vector<std::string> kPlacements = {"1", "2"};

std::string Today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

struct Answer {
  int exit_code = -1;
  std::string out, err, files;
  bool operator==(const Answer&) const = default;
};

struct ReadCommand {
  ReadCommand(std::vector<std::string> a, std::string f = "", bool d = false)
      : args(std::move(a)), file(std::move(f)), directory(d) {}
  std::vector<std::string> args;
  std::string file;  // a file the command writes, read into the answer; "" for none
  bool directory = false;
};

class TenantIsolationE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = dir_.File("bsn.key");
    std::ofstream(key_) << std::string(40, 'k') << "\n";
    ::chmod(key_.c_str(), 0600);
    audit_key_ = dir_.File("audit.key");
    std::ofstream(audit_key_) << std::string(40, 'a') << "\n";
    ::chmod(audit_key_.c_str(), 0600);
    for (const Tenant* t : {&kA, &kB}) {
      ASSERT_EQ(
          test::RunCli({"--db", db_, "init", "--org", t->org, "--name", "Gemeente " + t->word})
              .exit_code,
          0);
    }
  }

  test::CliResult As(const Tenant& t, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_, "--org", t.org, "--bsn-key-file", key_,
                               "--audit-key-file", audit_key_, "--actor", "e2e-" + t.org});
    return test::RunCli(args);
  }
  void Ok(const Tenant& t, const std::vector<std::string>& args) {
    test::CliResult r = As(t, args);
    ASSERT_EQ(r.exit_code, 0) << t.org << ": " << fmt::format("{}", fmt::join(args, " ")) << "\n"
                              << r.err << r.out;
  }

  // The same story in each organisation: P-1 and P-2 get trajectories 1 and 2 and P-1
  // placement 1 in both; org-b's B-7 also gets trajectory 3 and placement 2.
  void WriteStory(const Tenant& t) {
    const std::string& w = t.word;
    Ok(t, {"participant", "add", "--ref", "P-1", "--birth", "1985-03-04", "--area", w + "-Noord",
           "--registered", "2024-01-02", "--bsn", t.bsn});
    Ok(t, {"participant", "add", "--ref", "P-2", "--birth", "1990-07-08", "--area", w + "-Zuid",
           "--group", "statushouder", "--registered", "2024-01-05"});
    for (const std::string& ref : t.extras) {
      Ok(t, {"participant", "add", "--ref", ref, "--birth", "1980-01-01", "--area", w + "-Oost",
             "--registered", "2024-01-03"});
    }
    Ok(t, {"participant", "assign", "P-1", "--name", "K. " + w, "--date", "2024-01-03"});
    Ok(t, {"participant", "assign", "P-2", "--role", "jobhunter", "--name", "J. " + w, "--date",
           "2024-01-06"});
    Ok(t, {"participant", "contact", "P-1", "--kind", "invited", "--date", "2024-01-04"});
    Ok(t, {"trajectory", "start", "--ref", "P-1", "--programme", "zuidoostwerkt", "--track",
           "mbo2-verzorgende", "--date", "2024-01-08"});
    Ok(t, {"milestone", "record", "1", "intake", "--date", "2024-01-15"});
    Ok(t, {"milestone", "record", "1", "vog", "--date", "2024-01-20", "--evidence", "VOG " + w});
    Ok(t, {"milestone", "record", "1", "toelating-opleiding", "--date", "2024-01-25"});
    Ok(t, {"placement", "record", "1", "--employer", "Zorg " + w, "--hours", "32", "--wage",
           "2450.00", "--start", "2024-02-01"});
    Ok(t, {"loonwaarde", "set", "1", "--percent", "45", "--date", "2024-03-01"});
    Ok(t, {"trajectory", "start", "--ref", "P-2", "--programme", "zuidoostwerkt", "--track",
           "mbo2-verzorgende", "--date", "2024-02-01"});
    Ok(t, {"milestone", "record", "2", "intake", "--date", "2024-02-10"});
    Ok(t, {"participant", "change", "P-2", "--area", w + "-West", "--reason", "verhuisd " + w,
           "--date", "2024-03-01"});
    if (t.more) {
      const std::string& ref = t.extras.front();
      Ok(t, {"participant", "assign", ref, "--name", "K. " + w + " Twee", "--date", "2024-01-04"});
      Ok(t, {"trajectory", "start", "--ref", ref, "--programme", "zuidoostwerkt", "--track",
             "mbo2-verzorgende", "--date", "2024-01-10"});
      Ok(t, {"milestone", "record", "3", "intake", "--date", "2024-01-20"});
      Ok(t, {"milestone", "record", "3", "vog", "--date", "2024-01-25", "--evidence",
             "VOG " + w + " 3"});
      Ok(t, {"milestone", "record", "3", "toelating-opleiding", "--date", "2024-01-26"});
      Ok(t, {"placement", "record", "3", "--employer", "Haven " + w, "--hours", "24", "--wage",
             "1800.00", "--start", "2024-03-01"});
      Ok(t, {"loonwaarde", "set", "2", "--percent", "60", "--date", "2024-04-01"});
      Ok(t, {"placement", "correct", "2", "--hours", "32", "--reason", "uren " + w, "--date",
             "2024-05-01"});
      Ok(t, {"exit", "3", "--reason", "work", "--date", "2024-06-01", "--note", "werk " + w});
    }
  }

  // Every command that reads an organisation's data, each lookup with every name either
  // organisation uses.
  std::vector<ReadCommand> ReadCommands() {
    const std::string today = Today();
    std::vector<ReadCommand> all = {
        {{"participant", "list"}},
        {{"participant", "list", "--klantmanager", "K. " + kB.word}},
        {{"participant", "list", "--klantmanager", "K. " + kA.word}},
        {{"trajectory", "list"}},
        {{"trajectory", "list", "--state", "geplaatst"}},
        {{"trajectory", "list", "--programme", "zuidoostwerkt"}},
        {{"subsidy", "commitments", "--from", "2024-02-01", "--months", "24"}},
        {{"audit", "head"}},
        {{"audit", "verify"}},
        {{"--as-recorded", today, "participant", "list"}},
        {{"--as-recorded", today, "trajectory", "show", "1"}},
        {{"--as-recorded", today, "report", "placements"}},
        {{"export", "--csv", dir_.File("export")}, dir_.File("export"), true},
        {{"report", "html", dir_.File("dashboard.html"), "--from", "2024-01-01"},
         dir_.File("dashboard.html")},
    };
    for (const char* report : {"placements", "subsidy", "outcomes", "flow", "wioa"}) {
      all.push_back({{"--as-of", "2025-06-01", "report", report, "--from", "2024-01-01"}});
    }
    for (const char* report : {"caseload", "milestones", "loonwaarde", "cohort"}) {
      all.push_back({{"--as-of", "2024-09-01", "report", report}});
    }
    for (const char* by : {"area", "group", "employer"}) {
      all.push_back({{"report", "placements", "--by", by}});
    }
    for (const Tenant* t : {&kA, &kB}) {
      all.push_back({{"participant", "find", "--bsn", t->bsn}});
      for (const char* area : {"-Noord", "-Zuid", "-Oost", "-West"}) {
        all.push_back({{"participant", "list", "--area", t->word + area}});
      }
    }
    for (const std::string& ref : kRefs) {
      all.push_back({{"participant", "show", ref}});
      all.push_back({{"participant", "export", ref}});
      all.push_back({{"trajectory", "list", "--ref", ref}});
    }
    for (const std::string& id : kTrajectories) {
      all.push_back({{"trajectory", "show", id}});
      all.push_back({{"subsidy", "schedule", id}});
      all.push_back({{"--as-of", "2025-06-01", "subsidy", "premiums", id}});
    }
    return all;
  }

  // Each command's output, in text and in JSON (where the command has JSON, else its refusal:
  // the same before and after).
  std::map<std::string, Answer> Answers(const Tenant& t) {
    std::map<std::string, Answer> answers;
    for (const ReadCommand& command : ReadCommands()) {
      for (bool json : {false, true}) {
        if (json && !command.file.empty() && !command.directory) continue;  // an HTML page
        std::vector<std::string> args = command.args;
        if (json) args.push_back("--json");
        if (!command.file.empty()) std::filesystem::remove_all(command.file);
        test::CliResult r = As(t, args);
        Answer a{r.exit_code, r.out, r.err, ""};
        if (command.directory) {
          for (const char* name : {"participants.csv", "events.csv"}) {
            a.files += test::ReadFile(command.file + "/" + name);
          }
        } else if (!command.file.empty()) {
          a.files = test::ReadFile(command.file);
        }
        answers[fmt::format("{}", fmt::join(args, " "))] = a;
      }
    }
    return answers;
  }

  // The values of org's own records that identify it, from its JSON output: references, names,
  // areas, employers, evidence, reasons, links.
  std::set<std::string> ValuesOf(const Tenant& t) {
    std::set<std::string> values;
    std::function<void(const rapidjson::Value&)> walk = [&](const rapidjson::Value& v) {
      if (v.IsObject()) {
        for (const auto& member : v.GetObject()) {
          const std::string key = member.name.GetString();
          if (member.value.IsString()) {
            static const std::set<std::string> kIdentifying = {
                "ref",  "participant", "area",     "klantmanager", "jobhunter",
                "name", "employer",    "evidence", "reason",       "note",
                "link", "head",        "cohort",   "what",         "end_reason"};
            if (kIdentifying.count(key)) values.insert(member.value.GetString());
          } else {
            walk(member.value);
          }
        }
      } else if (v.IsArray()) {
        for (const auto& item : v.GetArray()) walk(item);
      }
    };
    std::vector<std::vector<std::string>> sources = {{"participant", "list"}, {"audit", "head"}};
    for (const std::string& ref : kRefs) sources.push_back({"participant", "show", ref});
    for (const std::string& id : kTrajectories) sources.push_back({"trajectory", "show", id});
    for (std::vector<std::string> args : sources) {
      args.push_back("--json");
      test::CliResult r = As(t, args);
      if (r.exit_code != 0) continue;
      rapidjson::Document doc;
      doc.Parse(r.out.c_str());
      EXPECT_FALSE(doc.HasParseError()) << r.out;
      if (!doc.HasParseError()) walk(doc);
    }
    values.erase("");
    values.erase(t.org);
    return values;
  }

  // What `other` holds and `own` does not.
  std::set<std::string> OnlyIn(const Tenant& other, const Tenant& own) {
    std::set<std::string> theirs = ValuesOf(other);
    for (const std::string& mine : ValuesOf(own)) theirs.erase(mine);
    return theirs;
  }

  void ExpectNothingOf(const Tenant& other, const Tenant& own,
                       const std::map<std::string, Answer>& answers) {
    const std::set<std::string> theirs = OnlyIn(other, own);
    ASSERT_GE(theirs.size(), 6u) << "the other organisation's data must be there to be missed";
    for (const auto& [command, answer] : answers) {
      for (const std::string& token : theirs) {
        const bool named = command.find(token) != std::string::npos;  // the caller's own words
        EXPECT_EQ(answer.out.find(token), std::string::npos)
            << own.org << ": " << command << " shows '" << token << "':\n"
            << answer.out;
        EXPECT_EQ(answer.files.find(token), std::string::npos)
            << own.org << ": " << command << " writes '" << token << "'";
        if (!named) {
          EXPECT_EQ(answer.err.find(token), std::string::npos)
              << own.org << ": " << command << " says '" << token << "':\n"
              << answer.err;
        }
      }
    }
  }

  void ExpectSame(const std::map<std::string, Answer>& before,
                  const std::map<std::string, Answer>& after, const std::string& why) {
    for (const auto& [command, answer] : before) {
      const Answer& now = after.at(command);
      EXPECT_EQ(now.exit_code, answer.exit_code) << command << " " << why;
      EXPECT_EQ(now.out, answer.out) << command << " " << why;
      EXPECT_EQ(now.err, answer.err) << command << " " << why;
      EXPECT_TRUE(now.files == answer.files) << command << ": its file changed " << why;
    }
  }

  // Every command that writes, each naming a reference or id that only org-b has (B-7, B-8,
  // trajectory 3, placement 2); each would be a valid command in org-b.
  std::vector<std::vector<std::string>> Attacks() {
    auto csv = [&](const std::string& name, const std::string& header, const std::string& row) {
      const std::string path = dir_.File(name + ".csv");
      std::ofstream(path) << header << "\n" << row << "\n";
      return path;
    };
    const std::string events =
        "kind,date,ref,trajectory,placement,programme,track,milestone,state,exit_reason,"
        "employer,hours,wage,percent,role,name,contact,text";
    return {
        {"participant", "assign", "B-7", "--name", "K. Indringer", "--date", "2024-06-03"},
        {"participant", "assign", "B-8", "--role", "jobhunter", "--name", "J. Indringer"},
        {"participant", "contact", "B-7", "--kind", "home-visit", "--date", "2024-06-03"},
        {"participant", "change", "B-7", "--area", "Indringer", "--reason", "x"},
        {"participant", "unassign", "B-7", "--reason", "x"},
        {"participant", "forget", "B-8", "--yes"},
        {"trajectory", "start", "--ref", "B-8", "--programme", "zuidoostwerkt", "--track",
         "mbo2-verzorgende", "--date", "2024-06-03"},
        {"trajectory", "advance", "3", "--to", "afgebroken", "--reason", "x"},
        {"milestone", "record", "3", "tussenbeoordeling", "--date", "2024-02-01"},
        {"milestone", "correct", "3", "vog", "--reached", "2024-01-26", "--reason", "x"},
        {"milestone", "retract", "3", "vog", "--reason", "x"},
        {"exit", "3", "--reason", "work"},
        {"return", "3", "--date", "2024-07-01"},
        {"placement", "record", "3", "--employer", "Indringer BV", "--hours", "36", "--wage",
         "2500.00", "--start", "2024-06-03"},
        {"placement", "end", "2", "--date", "2024-06-03", "--reason", "x"},
        {"placement", "correct", "2", "--employer", "Indringer BV", "--reason", "x"},
        {"loonwaarde", "set", "2", "--percent", "70", "--date", "2024-06-03"},
        {"loonwaarde", "withdraw", "2", "--assessed", "2024-04-01", "--reason", "x"},
        {"import",
         csv("contact", events, "contact.recorded,2024-06-03,B-7,,,,,,,,,,,,,,home-visit,")},
        {"import", csv("milestone", events,
                       "milestone.reached,2024-02-01,,3,,,,tussenbeoordeling,,,,,,,,,,")},
        {"import", csv("loonwaarde", events, "loonwaarde.assessed,2024-06-03,,,2,,,,,,,,,70,,,,")},
    };
  }

  test::TempDir dir_;
  std::string db_ = dir_.Database("tenants");
  std::string key_;
  std::string audit_key_;
};

TEST_F(TenantIsolationE2eTest, NoCommandForOneOrganisationSeesOrTouchesTheOther) {
  WriteStory(kA);
  const std::map<std::string, Answer> a_alone = Answers(kA);
  WriteStory(kB);
  // 1. org-b's data changed no output for org-a.
  const std::map<std::string, Answer> a_before = Answers(kA);
  ExpectSame(a_alone, a_before, "when the other organisation wrote");
  // 2. No output shows what only the other holds; lookups of the other's names find nothing.
  const std::map<std::string, Answer> b_before = Answers(kB);
  ExpectNothingOf(kB, kA, a_before);
  ExpectNothingOf(kA, kB, b_before);
  for (const auto& [command, answer] : a_before) {
    // A lookup of one record that only org-b has (lists of nothing are empty, not errors), or
    // a list filtered on a caseworker only org-b has (not found: nobody of org-a had them).
    const bool list = command.find(" list") != std::string::npos;
    const bool others =
        (!list && (command.find("B-7") != std::string::npos ||
                   command.find("B-8") != std::string::npos || command.ends_with(" 3") ||
                   command.ends_with(" 3 --json") || command.find(kB.bsn) != std::string::npos)) ||
        command.find("--klantmanager K. " + kB.word) != std::string::npos;
    if (others) {
      EXPECT_EQ(answer.exit_code, kExitNotFound) << command << answer.out << answer.err;
      // ...which org-b's own command finds.
      EXPECT_EQ(b_before.at(command).exit_code, 0) << command << b_before.at(command).err;
    }
  }
  EXPECT_EQ(a_before.at("participant find --bsn " + kA.bsn).exit_code, 0);
  for (const auto& [command, answer] : a_before) {
    // What org-a has answers (a schedule of a trajectory without placements is not found).
    if (command.find("subsidy schedule 2") != std::string::npos) continue;
    const bool others = command.find("B-") != std::string::npos || command.ends_with(" 3") ||
                        command.ends_with(" 3 --json") ||
                        command.find(kB.bsn) != std::string::npos ||
                        command.find("--klantmanager K. " + kB.word) != std::string::npos;
    if (!others) {
      EXPECT_EQ(answer.exit_code, 0) << command << "\n" << answer.err;
    }
  }

  // 3. Every write naming org-b's records fails for org-a and changes nothing of either.
  for (const std::vector<std::string>& attack : Attacks()) {
    test::CliResult r = As(kA, attack);
    EXPECT_EQ(r.exit_code, kExitNotFound) << fmt::format("{}", fmt::join(attack, " ")) << "\n"
                                          << r.out << r.err;
  }
  // Another organisation made by the demo, and init naming org-b, touch neither.
  test::CliResult demo = test::RunCli(
      {"--db", db_, "--org", "org-c", "--as-of", "2025-12-31", "demo", "--participants", "20"});
  EXPECT_EQ(demo.exit_code, 0) << demo.err;
  EXPECT_EQ(test::RunCli({"--db", db_, "--org", "org-b", "demo", "--participants", "5"}).exit_code,
            5);  // holds data already: refused
  EXPECT_EQ(As(kB, {"init", "--name", "Overname"}).exit_code, 0);
  ExpectSame(a_before, Answers(kA), "after refused writes");
  ExpectSame(b_before, Answers(kB), "after org-a's attacks");

  // Writes org-a makes to the references and ids both have change org-a's alone.
  Ok(kA, {"participant", "contact", "P-1", "--kind", "home-visit", "--date", "2024-06-03"});
  Ok(kA, {"participant", "change", "P-1", "--area", "Amstel-Elders", "--reason", "verhuisd"});
  Ok(kA, {"participant", "unassign", "P-1", "--reason", "weg"});
  Ok(kA, {"milestone", "correct", "1", "vog", "--reached", "2024-01-21", "--reason", "typo"});
  Ok(kA, {"placement", "correct", "1", "--employer", "Amstel Anders", "--reason", "typo"});
  Ok(kA, {"loonwaarde", "withdraw", "1", "--assessed", "2024-03-01", "--reason", "vergissing"});
  Ok(kA, {"placement", "end", "1", "--date", "2024-06-03"});
  Ok(kA, {"exit", "1", "--date", "2024-06-04"});
  Ok(kA, {"return", "1", "--date", "2024-07-01"});
  Ok(kA, {"trajectory", "advance", "2", "--to", "afgebroken", "--reason", "gestopt"});
  Ok(kA, {"participant", "forget", "P-2", "--yes"});
  // org-b's BSN is free in org-a: nothing tells org-a that org-b has it.
  Ok(kA, {"participant", "add", "--ref", "B-7", "--registered", "2024-02-01", "--bsn", kB.bsn});
  test::CliResult found = As(kA, {"participant", "find", "--bsn", kB.bsn});
  EXPECT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("B-7"), std::string::npos) << found.out;
  ExpectSame(b_before, Answers(kB), "after org-a wrote to its own P-1, 1 and 1");
  for (const Tenant* t : {&kA, &kB}) {
    test::CliResult verified = As(*t, {"audit", "verify"});
    EXPECT_EQ(verified.exit_code, 0) << t->org << verified.out << verified.err;
  }
}

}  // namespace
}  // namespace traject
