// Files only their owner reads: the one way traject writes a file — backups, CSV exports, a
// participant's export, the dashboard (docs/security.md, "Files only their owner reads"). A
// partner program that writes what libtraject gives it (a report, an export) can use it too.
//
// Every file written this way
//   - has mode 600 (read and write for its owner only), whatever the umask;
//   - is written under a temporary name in the target's own directory (".NAME.XXXXXX", created
//     with O_CREAT|O_EXCL|O_NOFOLLOW, so never an existing file nor a link), flushed to disk
//     (fsync), and only then given its name in one step: a reader never sees half a file, and
//     a failure leaves no file behind and an existing one as it was;
//   - never goes through a symbolic link and never writes into a file that exists: the name is
//     either new (ExistingFile::kRefuse) or its directory entry is replaced by the new file
//     (kReplaceOwn), which leaves the old file's content untouched for anyone holding it open.
// The directories of `path` are followed as given: they are the caller's choice. A name that
// another user can write in the directory of (a shared directory without the sticky bit) can be
// changed by them after traject wrote it, but never read: keep output in your own directories.
//
// Thread safety: safe to call from several threads for different paths.
#ifndef TRAJECT_PRIVATE_FILE_H_
#define TRAJECT_PRIVATE_FILE_H_

#include <string>
#include <string_view>

#include "traject/export.h"
#include "traject/status.h"

namespace traject {

// What to do when something exists at the path to write.
enum class ExistingFile {
  // Refuse whatever is there (InvalidArgument "exists"). The name is given with link(), which
  // fails when the name appeared meanwhile: never an overwrite.
  kRefuse,
  // Replace a regular file that belongs to the user (rename() over it). A symbolic link (also one
  // to a file of the user's own), a directory, anything else, or a file of another user is
  // refused with InvalidArgument naming it and what to do.
  kReplaceOwn,
};

// Writes `content` to `path` as described above. OK when the file is in place; InvalidArgument
// when `path` is empty, names a directory, or is refused as `existing` says; NotFound when its
// directory does not exist; Storage when writing fails (a full disk): nothing is left behind.
// Errors name `path`, never the content.
TRAJECT_EXPORT Status WritePrivateFile(const std::string& path, std::string_view content,
                                       ExistingFile existing);

}  // namespace traject

#endif  // TRAJECT_PRIVATE_FILE_H_
