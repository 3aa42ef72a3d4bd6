// Runs the real traject binary for end-to-end tests and captures its output and exit code.
#ifndef TRAJECT_TESTS_CLI_CLI_RUNNER_H_
#define TRAJECT_TESTS_CLI_CLI_RUNNER_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "testutil.h"

namespace traject::test {

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

inline std::string ShellQuote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  return quoted + "'";
}

// Runs TRAJECT_CLI_PATH with `args`, with the bundled plugins found next to libtraject.
inline CliResult RunCli(const std::vector<std::string>& args, const std::string& env = "") {
  static int counter = 0;
  const std::string err_file =
      std::filesystem::temp_directory_path() /
      ("traject-cli-err-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::string command = env + " " + ShellQuote(TRAJECT_CLI_PATH);
  // Appends piece by piece: `"literal" + std::string&&` gives a false -Wrestrict in g++ 12 -O3.
  for (const std::string& arg : args) {
    command += ' ';
    command += ShellQuote(arg);
  }
  command += " 2>";
  command += ShellQuote(err_file);
  command += " </dev/null";
  CliResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = ReadFile(err_file);
  std::filesystem::remove(err_file);
  return result;
}

// A fixture with one database in a temporary directory that every Run uses.
class CliTest : public ::testing::Test {
 protected:
  CliResult Run(std::vector<std::string> args, const std::string& actor = "e2e") {
    args.insert(args.begin(), {"--db", db_, "--actor", actor});
    return RunCli(args);
  }
  void Ok(std::vector<std::string> args) {
    CliResult r = Run(args);
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  }
  rapidjson::Document Json(std::vector<std::string> args) {
    args.push_back("--json");
    CliResult r = Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    EXPECT_FALSE(doc.HasParseError()) << r.out;
    return doc;
  }

  TempDir dir_;
  std::string db_ = dir_.Database("e2e");
};

}  // namespace traject::test

#endif  // TRAJECT_TESTS_CLI_CLI_RUNNER_H_
