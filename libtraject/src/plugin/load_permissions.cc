#include "plugin/load_permissions.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace traject::plugin {

Status RequireOnlyOwnerCanChange(const std::filesystem::path& path, const char* what) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return Status::Plugin(
        fmt::format("cannot inspect {} {}: {}", what, path.string(), std::strerror(errno)));
  }
  const unsigned mode = info.st_mode & 07777;
  const std::string fix = fmt::format(
      "; a plugin runs with your rights, so only its owner may change it (chmod go-w {})",
      path.string());
  if (info.st_uid != 0 && info.st_uid != ::geteuid()) {
    return Status::Plugin(fmt::format(
        "{} {} is owned by uid {}, neither you nor root: refused; a plugin runs with your "
        "rights, so it must be yours or root's (chown)",
        what, path.string(), info.st_uid));
  }
  if (mode & S_IWOTH) {
    return Status::Plugin(fmt::format("{} {} is writable by others (mode {:04o}): refused{}", what,
                                      path.string(), mode, fix));
  }
  if ((mode & S_IWGRP) && info.st_gid != info.st_uid) {
    return Status::Plugin(
        fmt::format("{} {} is writable by its group (gid {}, mode {:04o}): refused{}", what,
                    path.string(), info.st_gid, mode, fix));
  }
  return Status::OK();
}

}  // namespace traject::plugin
