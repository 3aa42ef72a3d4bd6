// The one way libtraject writes a file (traject/private_file.h states the contract): a
// PrivateFile is streamed into under a temporary name and given its final name by Commit. For
// files too large to hold in memory (backups, CSV exports); WritePrivateFile is one PrivateFile.
//
// Thread safety: a PrivateFile is used by one thread at a time.
#ifndef TRAJECT_UTIL_PRIVATE_FILE_H_
#define TRAJECT_UTIL_PRIVATE_FILE_H_

#include <memory>
#include <ostream>
#include <string>

#include "traject/private_file.h"
#include "traject/status.h"

namespace traject::files {

class PrivateFile {
 public:
  // Checks `path` against `existing` (so that a refusal comes before any work), and creates the
  // temporary file beside it, mode 600. Errors as WritePrivateFile's, naming `path`.
  static Result<std::unique_ptr<PrivateFile>> Create(const std::string& path,
                                                     ExistingFile existing);

  // Removes the temporary file unless Commit succeeded.
  ~PrivateFile();
  PrivateFile(const PrivateFile&) = delete;
  PrivateFile& operator=(const PrivateFile&) = delete;

  // Where to write the content. A failed write sets badbit; Commit reports it.
  std::ostream& out();

  // Flushes and fsyncs the content and gives the file its name (link() for kRefuse, rename()
  // for kReplaceOwn, after checking the name once more), then fsyncs the directory. Once only;
  // on error nothing is left behind (Storage for a failed write, InvalidArgument for a name
  // refused meanwhile).
  Status Commit();

 private:
  struct State;
  explicit PrivateFile(std::unique_ptr<State> state);

  std::unique_ptr<State> state_;
};

// Creates an empty file at `path` (O_CREAT|O_EXCL|O_NOFOLLOW, mode 600 whatever the umask) for a
// program that writes it in place (SQLite's database file). True when created, false when
// something already exists at `path` (a file, or a link: the caller judges it);
// InvalidArgument or NotFound naming `path` when it cannot be created.
Result<bool> CreateEmptyPrivateFile(const std::string& path);

}  // namespace traject::files

#endif  // TRAJECT_UTIL_PRIVATE_FILE_H_
