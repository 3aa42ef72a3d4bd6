// Who may change a plugin before it is loaded. A plugin runs with the rights of whoever loads
// it, so a file, a directory on its path or a link that someone else can change is a way for
// them to run code as the coordinator: such a plugin is refused, as OpenSSH refuses a key file
// others can write (its safe_path()).
//
// Checking a path and then loading that path leaves a window in which a link or a directory
// entry can be swapped, so nothing here checks a path: OpenCheckedPluginPath walks the path
// one component at a time from "/", opening each with O_NOFOLLOW relative to the directory
// opened and checked before it, reads each link from a descriptor and walks its target the
// same way, and hands back the descriptor of the file it checked. The caller loads the plugin
// from that descriptor (library_from_descriptor.h), never from the path again.
//
// The rules, applied to the object each descriptor is open on (fstat):
//   - every object (each directory from "/" down, each link met, the file) is owned by root or
//     by the effective user;
//   - the file, and a directory asked for as such, is writable by nobody else: not by others,
//     and by its group only when that is the owner's private group (group id = owner's user
//     id, as Debian's USERGROUPS_ENAB makes them); the file is a regular file;
//   - a directory on the way may be writable by others only when it has the sticky bit (/tmp,
//     /var/tmp): there others may add entries but not rename or remove an entry they do not
//     own, and the entry taken from it is itself checked to be yours or root's, so it cannot
//     be swapped. A sticky shared directory is never accepted as the plugin directory or the
//     file itself: anyone could drop files into it.
//   - a link's own mode means nothing (always 0777); its owner is checked, since the target it
//     names is what gets walked; at most 40 links are followed.
#ifndef TRAJECT_SRC_PLUGIN_LOAD_PERMISSIONS_H_
#define TRAJECT_SRC_PLUGIN_LOAD_PERMISSIONS_H_

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "traject/status.h"

namespace traject::plugin {

// An open file descriptor, closed when destroyed. Move-only.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  // Closes the descriptor held (if any) and holds `fd` instead.
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

enum class PluginPathKind {
  kFile,       // a plugin file: the descriptor is open O_RDONLY on it
  kDirectory,  // a plugin directory: the descriptor is open O_PATH on it
};

struct CheckedPath {
  UniqueFd fd;                     // open on the object that passed the checks
  std::filesystem::path resolved;  // the absolute path walked, every link replaced
  dev_t device = 0;                // st_dev and st_ino of the object, from fstat(fd)
  ino_t inode = 0;
};

// Opens `path` (absolute, or relative to the working directory) as the rules above allow.
// `what` names it in errors: "plugin file" or "plugin directory". Errors, all Status::Plugin,
// each naming `path` and, where it is another object, that object:
//   - "<what> <path> is writable by others (mode 0NNN): refused; ...", "... is writable by its
//     group (gid N, mode 0NNN) ...", "... is owned by uid N, neither you nor root ...";
//   - "<what> <path>: the directory <dir> on its path is writable by others (mode 0NNN)
//     ...", and the same for its group or its owner;
//   - "<what> <path>: the link <link> on its path is owned by uid N, neither you nor root
//     ...";
//   - "<what> <path> is not a regular file" / "is not a directory"; "<what> <path>: <part>
//     is not a directory";
//   - "cannot open <what> <path>: <reason> (at <part>)", "... more than 40 links ...".
// (The path is shown as given; when it is a link, or holds one, " (resolved to <path>)"
// follows it in the messages about the object itself.)
Result<CheckedPath> OpenCheckedPluginPath(const std::filesystem::path& path, PluginPathKind kind,
                                          const char* what);

}  // namespace traject::plugin

#endif  // TRAJECT_SRC_PLUGIN_LOAD_PERMISSIONS_H_
