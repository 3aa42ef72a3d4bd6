// The SQLite database file before SQLite opens it: created mode 600, and refused when others
// than its owner may read or change it (docs/security.md, "Files only their owner reads").
// SQLite creates a database's -wal, -shm and -journal files with the database file's own mode
// (whatever the umask), so a 600 database keeps all of them private.
#ifndef TRAJECT_STORAGE_SQLITE_FILE_H_
#define TRAJECT_STORAGE_SQLITE_FILE_H_

#include <string>

#include "traject/status.h"

namespace traject::storage {

// Makes the SQLite file at `path` ready to open; `display` names it in messages. Nothing to do
// for ":memory:" and "" (SQLite's private temporary database). When nothing is at `path`:
// created empty, mode 600, when `create` (SQLite makes an empty file a database), NotFound "no
// database" otherwise. A symbolic link that leads nowhere is refused (SQLite would create the
// file it names, with the umask's mode). An existing file is refused with InvalidArgument when
// it, or its -wal, -shm or -journal file, grants any right to group or others, saying to
// chmod 600 each of them.
Status PrepareSqliteFile(const std::string& path, const std::string& display, bool create);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_SQLITE_FILE_H_
