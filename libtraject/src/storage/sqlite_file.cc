#include "storage/sqlite_file.h"

#include <sys/stat.h>

#include <fmt/format.h>

#include <cerrno>
#include <filesystem>
#include <vector>

#include "util/private_file.h"

namespace traject::storage {

Status PrepareSqliteFile(const std::string& path, const std::string& display, bool create) {
  if (path.empty() || path == ":memory:") return Status::OK();
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    struct stat link {};
    if (::lstat(path.c_str(), &link) == 0) {
      return Status::InvalidArgument(fmt::format(
          "'{}' is a symbolic link to nothing; traject creates a database only as a new file: "
          "remove the link or give another file",
          display));
    }
    if (!create) {
      return Status::NotFound(fmt::format("no database at '{}'", display)).WithField("location");
    }
    Result<bool> created = files::CreateEmptyPrivateFile(path);
    if (!created.ok()) return created.status();
    // Made by someone else meanwhile: judged as any existing file.
    if (*created) return Status::OK();
    if (::stat(path.c_str(), &info) != 0) {
      return Status::InvalidArgument(fmt::format("'{}': cannot create it", display));
    }
  }
  if (!create && info.st_size == 0 && S_ISREG(info.st_mode)) {
    // An empty file would become a database as soon as a connection set it up: a read never
    // makes one.
    return Status::NotFound(fmt::format("no traject database at '{}' (an empty file)", display))
        .WithField("location");
  }
  // SQLite keeps its -wal and -shm beside the file a link leads to.
  std::error_code error;
  const std::filesystem::path real = std::filesystem::canonical(path, error);
  const std::string base = error ? path : real.string();
  std::vector<std::string> files, modes;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::string file = base + suffix;
    struct stat each {};
    if (::stat(file.c_str(), &each) == 0 && (each.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
      files.push_back(file);
      modes.push_back(fmt::format("{} mode {:o}", file, each.st_mode & 0777));
    }
  }
  if (files.empty()) return Status::OK();
  return Status::InvalidArgument(fmt::format(
      "'{}': others than its owner may read or change the database ({}); it holds personal "
      "data: make it the owner's alone: chmod 600 {}",
      display, fmt::join(modes, ", "), fmt::join(files, " ")));
}

}  // namespace traject::storage
