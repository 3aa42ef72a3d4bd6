#include "progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace traject::cli {

Progress::Progress(std::string label, std::int64_t total)
    : enabled_(isatty(STDERR_FILENO) == 1),
      label_(std::move(label)),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() { Finish(); }

void Progress::Update(std::int64_t done, std::int64_t rows) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  shown_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0;
  std::string bar;
  std::string eta = "--";
  if (total_ > 0) {
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
    const int filled = static_cast<int>(fraction * 30);
    bar = fmt::format("[{}{}] {:3.0f}%", std::string(static_cast<std::size_t>(filled), '='),
                      std::string(static_cast<std::size_t>(30 - filled), ' '), fraction * 100);
    if (fraction > 0.001) {
      const int remaining = static_cast<int>(seconds / fraction - seconds);
      eta = fmt::format("{}:{:02}", remaining / 60, remaining % 60);
    }
  }
  std::fprintf(stderr, "\r%s %s %lld rows  %.0f rows/s  ETA %s   ", label_.c_str(), bar.c_str(),
               static_cast<long long>(rows), rate, eta.c_str());
  std::fflush(stderr);
}

void Progress::Finish() {
  if (enabled_ && shown_) {
    std::fprintf(stderr, "\n");
    shown_ = false;
  }
}

}  // namespace traject::cli
