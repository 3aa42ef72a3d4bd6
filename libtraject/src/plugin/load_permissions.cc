#include "plugin/load_permissions.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <deque>
#include <string_view>
#include <vector>

namespace traject::plugin {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) reset(other.release());
  return *this;
}

UniqueFd::~UniqueFd() { reset(); }

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

namespace {

// As Linux's own limit on links followed in one lookup (MAXSYMLINKS).
constexpr int kMaxLinks = 40;

// Why someone other than root or the effective user can change the object `info` describes,
// as a predicate ("is writable by others (mode 0777)"); empty when nobody else can.
// `sticky_shared_ok`: a directory with the sticky bit may be writable by others (see the
// header: only for directories on the way, whose entry taken is checked in turn).
std::string WhoElseCanChange(const struct stat& info, bool sticky_shared_ok) {
  const unsigned mode = info.st_mode & 07777;
  if (info.st_uid != 0 && info.st_uid != ::geteuid()) {
    return fmt::format("is owned by uid {}, neither you nor root", info.st_uid);
  }
  if (sticky_shared_ok && S_ISDIR(info.st_mode) && (mode & S_ISVTX)) return {};
  if (mode & S_IWOTH) return fmt::format("is writable by others (mode {:04o})", mode);
  if ((mode & S_IWGRP) && info.st_gid != info.st_uid) {
    return fmt::format("is writable by its group (gid {}, mode {:04o})", info.st_gid, mode);
  }
  return {};
}

bool IsOwnerProblem(const std::string& reason) { return reason.rfind("is owned by", 0) == 0; }

// The path components of `text`, without empty ones and ".".
std::vector<std::string> Components(std::string_view text) {
  std::vector<std::string> parts;
  while (!text.empty()) {
    const std::size_t slash = text.find('/');
    const std::string_view part = text.substr(0, slash);
    if (!part.empty() && part != ".") parts.emplace_back(part);
    text = slash == std::string_view::npos ? std::string_view() : text.substr(slash + 1);
  }
  return parts;
}

// One walk of one path: the directories opened so far, from "/" down, each checked.
class Walk {
 public:
  Walk(const std::filesystem::path& given, PluginPathKind kind, const char* what)
      : given_(given), kind_(kind), what_(what) {}

  Result<CheckedPath> Run();

 private:
  struct Directory {
    UniqueFd fd;
    std::string name;  // "" for "/"
  };

  // The absolute path of the current directory, or of `name` in it.
  std::string Here(std::string_view name = {}) const;
  // "<what> <given>", with " (resolved to <path>)" when the walk took another way.
  std::string Subject(const std::string& resolved) const;
  Status OpenError(int error, const std::string& at) const;
  // Opens the directory at `fd` (just opened) as the next one on the way, after checking it.
  Status Enter(UniqueFd fd, const struct stat& info, std::string name);
  // The checks of the object asked for itself (the file, or the directory).
  Status CheckTarget(const struct stat& info, const std::string& resolved) const;
  Result<CheckedPath> Finish(UniqueFd fd, const struct stat& info, std::string resolved) const;

  const std::filesystem::path& given_;
  const PluginPathKind kind_;
  const char* what_;
  std::vector<Directory> chain_;
};

std::string Walk::Here(std::string_view name) const {
  // Appended piece by piece: `"/" + std::string&&` gives a false -Wstringop-overflow in g++ 12.
  std::string path;
  for (const Directory& d : chain_) {
    if (d.name.empty()) continue;
    path += '/';
    path += d.name;
  }
  if (!name.empty()) {
    path += '/';
    path += name;
  }
  return path.empty() ? "/" : path;
}

std::string Walk::Subject(const std::string& resolved) const {
  std::error_code ignored;
  const std::filesystem::path shown = std::filesystem::absolute(given_, ignored).lexically_normal();
  std::string subject = fmt::format("{} {}", what_, given_.string());
  std::string plain = shown.string();
  if (plain.size() > 1 && plain.back() == '/') plain.pop_back();
  if (plain != resolved) subject += fmt::format(" (resolved to {})", resolved);
  return subject;
}

Status Walk::OpenError(int error, const std::string& at) const {
  return Status::Plugin(fmt::format("cannot open {} {}: {} (at {})", what_, given_.string(),
                                    std::strerror(error), at));
}

Status Walk::Enter(UniqueFd fd, const struct stat& info, std::string name) {
  const std::string at = Here(name);
  if (const std::string why = WhoElseCanChange(info, /*sticky_shared_ok=*/true); !why.empty()) {
    return Status::Plugin(fmt::format(
        "{} {}: the directory {} on its path {}: refused; whoever can change a directory on the "
        "way can swap the plugin for their own ({}keep plugins in directories only you or root "
        "can change)",
        what_, given_.string(), at, why,
        IsOwnerProblem(why) ? "" : fmt::format("chmod go-w {}, or ", at)));
  }
  chain_.push_back({std::move(fd), std::move(name)});
  return Status::OK();
}

Status Walk::CheckTarget(const struct stat& info, const std::string& resolved) const {
  const std::string why = WhoElseCanChange(info, /*sticky_shared_ok=*/false);
  if (why.empty()) return Status::OK();
  if (IsOwnerProblem(why)) {
    return Status::Plugin(fmt::format(
        "{} {}: refused; a plugin runs with your rights, so it must be yours or root's (chown)",
        Subject(resolved), why));
  }
  return Status::Plugin(fmt::format(
      "{} {}: refused; a plugin runs with your rights, so only its owner may change it (chmod "
      "go-w {})",
      Subject(resolved), why, resolved));
}

Result<CheckedPath> Walk::Finish(UniqueFd fd, const struct stat& info, std::string resolved) const {
  if (Status s = CheckTarget(info, resolved); !s.ok()) return s;
  CheckedPath checked;
  checked.fd = std::move(fd);
  checked.resolved = std::move(resolved);
  checked.device = info.st_dev;
  checked.inode = info.st_ino;
  return checked;
}

Result<CheckedPath> Walk::Run() {
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(given_, error);
  if (error) {
    return Status::Plugin(
        fmt::format("cannot open {} {}: {}", what_, given_.string(), error.message()));
  }
  std::deque<std::string> todo;
  for (std::string& part : Components(absolute.string())) todo.push_back(std::move(part));
  struct stat info {};
  UniqueFd root(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!root.valid() || ::fstat(root.get(), &info) != 0) return OpenError(errno, "/");
  if (todo.empty() && kind_ == PluginPathKind::kDirectory) {
    return Finish(std::move(root), info, "/");
  }
  if (Status s = Enter(std::move(root), info, ""); !s.ok()) return s;

  int links = 0;
  while (!todo.empty()) {
    std::string name = std::move(todo.front());
    todo.pop_front();
    if (name == "..") {
      if (chain_.size() > 1) chain_.pop_back();
      continue;
    }
    const std::string at = Here(name);
    UniqueFd fd(::openat(chain_.back().fd.get(), name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid() || ::fstat(fd.get(), &info) != 0) return OpenError(errno, at);
    const bool last = todo.empty();
    if (S_ISLNK(info.st_mode)) {
      if (info.st_uid != 0 && info.st_uid != ::geteuid()) {
        return Status::Plugin(fmt::format(
            "{} {}: the link {} on its path is owned by uid {}, neither you nor root: refused; "
            "whoever owns a link chooses what it leads to",
            what_, given_.string(), at, info.st_uid));
      }
      if (++links > kMaxLinks) {
        return Status::Plugin(
            fmt::format("cannot open {} {}: more than {} links on its path (at {})", what_,
                        given_.string(), kMaxLinks, at));
      }
      std::array<char, 4096> target{};
      const ssize_t length = ::readlinkat(fd.get(), "", target.data(), target.size());
      if (length < 0) return OpenError(errno, at);
      if (length == 0 || static_cast<std::size_t>(length) == target.size()) {
        return OpenError(ENAMETOOLONG, at);
      }
      const std::string_view text(target.data(), static_cast<std::size_t>(length));
      std::vector<std::string> parts = Components(text);
      todo.insert(todo.begin(), std::make_move_iterator(parts.begin()),
                  std::make_move_iterator(parts.end()));
      if (text.front() == '/') chain_.resize(1);
      continue;
    }
    if (S_ISDIR(info.st_mode)) {
      if (last && kind_ == PluginPathKind::kDirectory) return Finish(std::move(fd), info, at);
      if (Status s = Enter(std::move(fd), info, std::move(name)); !s.ok()) return s;
      continue;
    }
    if (!last) {
      return Status::Plugin(
          fmt::format("{} {}: {} is not a directory", what_, given_.string(), at));
    }
    if (kind_ == PluginPathKind::kDirectory) {
      return Status::Plugin(fmt::format("{} is not a directory", Subject(at)));
    }
    if (!S_ISREG(info.st_mode)) {
      return Status::Plugin(fmt::format("{} is not a regular file: refused", Subject(at)));
    }
    // The O_PATH descriptor cannot be read: open the same entry for reading, and make sure it
    // is still the file just looked at (the directory is checked, so only you or root could
    // have swapped it; refused all the same).
    UniqueFd file(::openat(chain_.back().fd.get(), name.c_str(),
                           O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
    struct stat opened {};
    if (!file.valid() || ::fstat(file.get(), &opened) != 0) return OpenError(errno, at);
    if (opened.st_dev != info.st_dev || opened.st_ino != info.st_ino) {
      return Status::Plugin(
          fmt::format("{} changed while it was being opened: refused", Subject(at)));
    }
    return Finish(std::move(file), opened, at);
  }
  // The walk ended in a directory (the path was "/" or ended in ".."): that is what was asked.
  if (kind_ == PluginPathKind::kFile) {
    return Status::Plugin(fmt::format("{} is not a regular file: refused", Subject(Here())));
  }
  const std::string resolved = Here();
  if (::fstat(chain_.back().fd.get(), &info) != 0) return OpenError(errno, resolved);
  return Finish(std::move(chain_.back().fd), info, resolved);
}

}  // namespace

Result<CheckedPath> OpenCheckedPluginPath(const std::filesystem::path& path, PluginPathKind kind,
                                          const char* what) {
  return Walk(path, kind, what).Run();
}

}  // namespace traject::plugin
