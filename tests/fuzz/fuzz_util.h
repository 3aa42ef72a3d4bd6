// Shared by the fuzz targets (tests/fuzz/*_fuzz.cc): the input as a file for readers that take
// a path, invariant checks that abort (a failed check is a crash to libFuzzer, with the input
// saved), and the check that an error message repeats no 9-digit run (a BSN's shape) of the
// input.
#ifndef TRAJECT_TESTS_FUZZ_FUZZ_UTIL_H_
#define TRAJECT_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "traject/status.h"

// Aborts with the condition and a message when an invariant does not hold.
#define FUZZ_CHECK(condition, message)                                                            \
  do {                                                                                            \
    if (!(condition)) {                                                                           \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n  %s\n", __FILE__, __LINE__, #condition, \
                   std::string(message).c_str());                                                 \
      std::abort();                                                                               \
    }                                                                                             \
  } while (false)

namespace traject::fuzz {

// A directory of this process's own (removed at exit), holding the input as one file.
inline const std::filesystem::path& WorkDirectory() {
  static const std::filesystem::path directory = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "traject-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
      std::perror("traject fuzz: mkdtemp");
      std::abort();
    }
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(WorkDirectory(), ignored);
    });
    return std::filesystem::path(pattern);
  }();
  return directory;
}

// Writes `input` to the file `name` in the work directory; returns its path.
inline std::string WriteInput(std::string_view input, const char* name = "input") {
  const std::string path = (WorkDirectory() / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(input.data(), static_cast<std::streamsize>(input.size()));
  out.close();
  FUZZ_CHECK(out.good(), "cannot write " + path);
  return path;
}

// The maximal runs of exactly 9 ASCII digits in `text`.
inline std::vector<std::string> NineDigitRuns(std::string_view text) {
  std::vector<std::string> runs;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (end - i == 9) runs.emplace_back(text.substr(i, 9));
    i = end;
  }
  return runs;
}

// Errors never repeat the values of the input (they may be personal data, a BSN among them):
// no 9-digit run of the input is a 9-digit run of the message. `path`, the input file's, is
// left out of the message first (messages name the file).
inline void CheckNoNineDigitRunRepeated(std::string_view input, const Status& status,
                                        const std::string& path = "") {
  std::string message = status.ToString();
  if (!path.empty()) {
    for (std::size_t at; (at = message.find(path)) != std::string::npos;)
      message.erase(at, path.size());
  }
  const std::vector<std::string> in_message = NineDigitRuns(message);
  if (in_message.empty()) return;
  for (const std::string& run : NineDigitRuns(input)) {
    for (const std::string& shown : in_message) {
      FUZZ_CHECK(run != shown,
                 "the message repeats the input's 9-digit run " + run + ": " + message);
    }
  }
}

}  // namespace traject::fuzz

#endif  // TRAJECT_TESTS_FUZZ_FUZZ_UTIL_H_
