// Every report of a database as CSV, in one text: for end-to-end tests that an operation (a
// forget, a backup and restore) keeps every figure.
#ifndef TRAJECT_TESTS_CLI_EVERY_REPORT_H_
#define TRAJECT_TESTS_CLI_EVERY_REPORT_H_

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_runner.h"

namespace traject::test {

// Runs each report with --csv on `db` as of `as_of`; in its output every key of `replace` is
// read as its value, and the lines are sorted (a list of people ordered by reference may order
// a replaced one elsewhere).
inline std::string EveryReportCsv(const std::string& db, const std::string& as_of,
                                  const std::map<std::string, std::string>& replace = {}) {
  const std::vector<std::vector<std::string>> reports = {
      {"placements", "--by", "programme"},
      {"placements", "--by", "group"},
      {"caseload"},
      {"milestones"},
      {"loonwaarde"},
      {"subsidy"},
      {"outcomes", "--by", "area"},
      {"flow", "--from", "2024-01-01"},
      {"cohort"},
      {"wioa"},
  };
  std::string all;
  for (const std::vector<std::string>& report : reports) {
    std::vector<std::string> args = {"--db", db, "--csv", "--as-of", as_of, "report"};
    args.insert(args.end(), report.begin(), report.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string text = r.out;
    for (const auto& [from, to] : replace) {
      for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
        text.replace(at, from.size(), to);
        at += to.size();
      }
    }
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    // Named without the database, so that two databases' reports compare equal.
    all += fmt::format("== {}\n{}\n", fmt::join(report, " "), fmt::join(lines, "\n"));
  }
  return all;
}

}  // namespace traject::test

#endif  // TRAJECT_TESTS_CLI_EVERY_REPORT_H_
