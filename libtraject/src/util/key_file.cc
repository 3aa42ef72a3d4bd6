#include "util/key_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "traject/audit.h"
#include "traject/backup.h"
#include "traject/bsn.h"
#include "traject/key_file.h"
#include "traject/private_file.h"

namespace traject {
namespace {

struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

// Refuses a key file in a directory others may write, unless it is sticky (as /tmp): they
// could replace the key with one of their own.
Status CheckKeyDirectory(const std::filesystem::path& file, std::string_view what) {
  const std::filesystem::path directory =
      file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  struct stat dir {};
  if (::stat(directory.c_str(), &dir) == 0 && (dir.st_mode & (S_IWGRP | S_IWOTH)) != 0 &&
      (dir.st_mode & S_ISVTX) == 0) {
    return Status::InvalidArgument(fmt::format(
        "{} file {}: its directory {} may be written by others (mode {:o}), who could replace "
        "the key; keep it in a directory only you can write",
        what, file.string(), directory.string(), dir.st_mode & 0777));
  }
  return Status::OK();
}

}  // namespace

Result<std::string> ReadKeyFile(const std::filesystem::path& file, std::string_view what,
                                std::size_t min_bytes) {
  const std::string name = file.string();
  // Opened once, without following a link, and judged by that descriptor: what is checked is
  // what is read.
  Descriptor opened{::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)};
  if (opened.fd < 0) {
    if (errno == ELOOP) {
      return Status::InvalidArgument(
          fmt::format("{} file {}: is a symbolic link; name the key file itself", what, name));
    }
    return Status::NotFound(
        fmt::format("{} file {}: cannot be read ({})", what, name, std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(opened.fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    return Status::InvalidArgument(fmt::format("{} file {}: not a regular file", what, name));
  }
  if (info.st_uid != ::geteuid()) {
    return Status::InvalidArgument(fmt::format(
        "{} file {}: owned by user {}, not by the user running traject ({}): a key must be its "
        "user's own",
        what, name, info.st_uid, ::geteuid()));
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Status::InvalidArgument(
        fmt::format("{} file {}: others than its owner may read or change it (mode {:o}); "
                    "make it the owner's alone: chmod 600 {}",
                    what, name, info.st_mode & 0777, name));
  }
  if (Status s = CheckKeyDirectory(file, what); !s.ok()) return s;
  std::string key;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(opened.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return Status::NotFound(fmt::format("{} file {}: cannot be read", what, name));
    }
    if (n == 0) break;
    key.append(buffer, static_cast<std::size_t>(n));
    if (key.size() > (1u << 20)) {
      return Status::InvalidArgument(
          fmt::format("{} file {}: larger than any key (over 1 MiB)", what, name));
    }
  }
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  if (key.size() < min_bytes) {
    return Status::InvalidArgument(
        fmt::format("{} file {}: holds {} bytes, fewer than the {} a key needs; make a new one "
                    "(traject::WriteNewKeyFile writes 32 random bytes)",
                    what, name, key.size(), min_bytes));
  }
  return key;
}

Result<std::string> ReadBsnKeyFile(const std::filesystem::path& file) {
  return ReadKeyFile(file, "BSN key", kMinBsnKeyBytes);
}

Result<std::string> ReadAuditKeyFile(const std::filesystem::path& file) {
  return ReadKeyFile(file, "audit key", kMinAuditKeyBytes);
}

Result<std::string> ReadBackupKeyFile(const std::filesystem::path& file) {
  return ReadKeyFile(file, "backup key", kMinBackupKeyBytes);
}

Status WriteNewKeyFile(const std::string& path) {
  // Where no key may be read from, none is written.
  if (Status s = CheckKeyDirectory(path, "key"); !s.ok()) return s;
  if (sodium_init() < 0)
    return Status::Internal("libsodium cannot start (no source of randomness)");
  unsigned char random[kNewKeyRandomBytes];
  randombytes_buf(random, sizeof random);
  std::string text(sodium_base64_ENCODED_LEN(sizeof random, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), random, sizeof random,
                    sodium_base64_VARIANT_ORIGINAL);
  sodium_memzero(random, sizeof random);
  text.resize(std::strlen(text.c_str()));
  text += '\n';
  Status written = WritePrivateFile(path, text, ExistingFile::kRefuse);
  sodium_memzero(text.data(), text.size());
  return written;
}

}  // namespace traject
