// PrivateFile and WritePrivateFile (traject/private_file.h, util/private_file.h): every name is
// taken relative to the target's directory, opened once, so that the checks and the writes
// concern the same directory even if a path above it changes meanwhile.
#include "util/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <streambuf>
#include <vector>

namespace traject {
namespace files {
namespace {

constexpr std::size_t kBuffer = 1 << 16;
constexpr std::string_view kExists = "exists; it is never overwritten: give a new file name";

// A stream buffer over a file descriptor that keeps the first write error.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd), buffer_(kBuffer) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return Drain() ? 0 : -1; }

 private:
  bool Drain() {
    if (error_ != 0) return false;
    const char* data = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    while (left > 0) {
      const ssize_t n = ::write(fd_, data, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : ENOSPC;
        return false;
      }
      data += n;
      left -= static_cast<std::size_t>(n);
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return true;
  }

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

Status Refused(const std::string& path, std::string_view why) {
  return Status::InvalidArgument(fmt::format("{}: {}", path, why));
}

// Whether whatever is at `name` in `dir` may be written over as `existing` says.
Status CheckName(int dir, const std::string& name, const std::string& path, ExistingFile existing) {
  struct stat info {};
  if (::fstatat(dir, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return Status::OK();
    return Refused(path, fmt::format("cannot create it ({})", std::strerror(errno)));
  }
  if (S_ISDIR(info.st_mode)) return Refused(path, "is a directory; give the file to write");
  if (existing == ExistingFile::kRefuse) {
    return Refused(path, kExists);
  }
  if (S_ISLNK(info.st_mode)) {
    return Refused(path,
                   "is a symbolic link; traject never writes through one: remove the link or "
                   "give another file name");
  }
  if (!S_ISREG(info.st_mode)) {
    return Refused(path, "is not a regular file; give another file name");
  }
  if (info.st_uid != ::geteuid()) {
    return Refused(path, fmt::format("belongs to another user (uid {}); traject replaces only "
                                     "your own files: remove it or give another file name",
                                     info.st_uid));
  }
  return Status::OK();
}

// ".NAME." and six random letters or digits.
std::string TemporaryName(const std::string& name) {
  static constexpr char kLetters[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::string temp = "." + name + ".";
  for (int i = 0; i < 6; ++i) temp += kLetters[random() % (sizeof(kLetters) - 1)];
  return temp;
}

}  // namespace

struct PrivateFile::State {
  std::string path;
  ExistingFile existing = ExistingFile::kRefuse;
  int dir = -1;  // the target's directory
  std::string name;
  std::string temp;
  int fd = -1;  // the temporary file, until closed
  bool committed = false;
  std::unique_ptr<FdBuffer> buffer;
  std::unique_ptr<std::ostream> out;
};

PrivateFile::PrivateFile(std::unique_ptr<State> state) : state_(std::move(state)) {}

PrivateFile::~PrivateFile() {
  if (state_->fd >= 0) ::close(state_->fd);
  if (!state_->committed && !state_->temp.empty()) {
    ::unlinkat(state_->dir, state_->temp.c_str(), 0);
  }
  if (state_->dir >= 0) ::close(state_->dir);
}

Result<std::unique_ptr<PrivateFile>> PrivateFile::Create(const std::string& path,
                                                         ExistingFile existing) {
  if (path.empty()) return Status::InvalidArgument("the file name is empty");
  const std::filesystem::path target(path);
  const std::string name = target.filename().string();
  if (name.empty() || name == "." || name == "..") {
    return Refused(path, "is a directory; give the file to write");
  }
  const std::string directory = target.has_parent_path() ? target.parent_path().string() : ".";
  auto state = std::make_unique<State>();
  state->path = path;
  state->existing = existing;
  state->name = name;
  state->dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (state->dir < 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return Status::NotFound(
          fmt::format("{}: cannot create it: no directory {}", path, directory));
    }
    return Refused(path, fmt::format("cannot create it ({})", std::strerror(errno)));
  }
  // `state` now owns the directory: every return below closes it.
  std::unique_ptr<PrivateFile> file(new PrivateFile(std::move(state)));
  State& s = *file->state_;
  if (Status checked = CheckName(s.dir, s.name, path, existing); !checked.ok()) return checked;
  for (int attempt = 0; s.fd < 0; ++attempt) {
    std::string temp = TemporaryName(s.name);
    s.fd =
        ::openat(s.dir, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (s.fd >= 0) {
      s.temp = std::move(temp);
    } else if (errno != EEXIST || attempt == 100) {
      return Refused(path, fmt::format("cannot create it ({})", std::strerror(errno)));
    }
  }
  // O_CREAT's mode is masked by the umask, which can only take rights away; fchmod makes it
  // exactly 600 whatever the umask.
  if (::fchmod(s.fd, 0600) != 0) {
    return Refused(path, fmt::format("cannot create it ({})", std::strerror(errno)));
  }
  s.buffer = std::make_unique<FdBuffer>(s.fd);
  s.out = std::make_unique<std::ostream>(s.buffer.get());
  return file;
}

std::ostream& PrivateFile::out() { return *state_->out; }

Status PrivateFile::Commit() {
  State& s = *state_;
  if (s.committed || s.fd < 0) {
    return Status::Internal(fmt::format("{}: committed twice", s.path));
  }
  const auto failed = [&](int error) {
    return Status::Storage(
        fmt::format("{}: writing failed ({}); nothing was written", s.path, std::strerror(error)));
  };
  s.out->flush();
  if (s.buffer->error() != 0) return failed(s.buffer->error());
  if (!*s.out) return failed(EIO);
  if (::fsync(s.fd) != 0) return failed(errno);
  const int fd = s.fd;
  s.fd = -1;
  if (::close(fd) != 0) return failed(errno);
  if (s.existing == ExistingFile::kRefuse) {
    // link() fails when the name appeared meanwhile: never an overwrite.
    if (::linkat(s.dir, s.temp.c_str(), s.dir, s.name.c_str(), 0) != 0) {
      if (errno == EEXIST) return Refused(s.path, kExists);
      return Refused(s.path, fmt::format("cannot create it ({})", std::strerror(errno)));
    }
    ::unlinkat(s.dir, s.temp.c_str(), 0);
  } else {
    // Checked again: the name may have changed since Create. rename() replaces the directory
    // entry whatever it is (a link is replaced, not followed), so what could still change
    // between this check and the rename is only which entry goes, never a file written into.
    if (Status checked = CheckName(s.dir, s.name, s.path, s.existing); !checked.ok()) {
      return checked;
    }
    if (::renameat(s.dir, s.temp.c_str(), s.dir, s.name.c_str()) != 0) {
      return Refused(s.path, fmt::format("cannot create it ({})", std::strerror(errno)));
    }
  }
  s.committed = true;
  // The new name survives a crash too. Some file systems cannot sync a directory: the file
  // is in place all the same.
  ::fsync(s.dir);
  return Status::OK();
}

Result<bool> CreateEmptyPrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    if (errno == ENOENT || errno == ENOTDIR) {
      const std::filesystem::path parent = std::filesystem::path(path).parent_path();
      return Status::NotFound(fmt::format("{}: cannot create it: no directory {}", path,
                                          parent.empty() ? "." : parent.string()));
    }
    return Refused(path, fmt::format("cannot create it ({})", std::strerror(errno)));
  }
  const bool changed = ::fchmod(fd, 0600) == 0;
  const int error = errno;
  ::close(fd);
  if (!changed) {
    ::unlink(path.c_str());
    return Refused(path, fmt::format("cannot create it ({})", std::strerror(error)));
  }
  return true;
}

}  // namespace files

Status WritePrivateFile(const std::string& path, std::string_view content, ExistingFile existing) {
  Result<std::unique_ptr<files::PrivateFile>> file = files::PrivateFile::Create(path, existing);
  if (!file.ok()) return file.status();
  (*file)->out().write(content.data(), static_cast<std::streamsize>(content.size()));
  return (*file)->Commit();
}

}  // namespace traject
