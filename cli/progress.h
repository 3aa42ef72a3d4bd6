// A progress line on stderr with rate and ETA, shown only when stderr is a terminal (never in
// pipes, files or CI logs). Updates at most ten times a second.
#ifndef TRAJECT_CLI_PROGRESS_H_
#define TRAJECT_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace traject::cli {

class Progress {
 public:
  // `total` in the same unit as Update's `done` (e.g. bytes); 0 when unknown.
  Progress(std::string label, std::int64_t total);
  ~Progress();
  void Update(std::int64_t done, std::int64_t rows);
  void Finish();

 private:
  bool enabled_;
  std::string label_;
  std::int64_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
};

}  // namespace traject::cli

#endif  // TRAJECT_CLI_PROGRESS_H_
