// Rebuilding every organisation's projections of a database from its log, outside a Store (a
// restored database: storage/backup.cc).
#ifndef TRAJECT_STORAGE_REBUILD_H_
#define TRAJECT_STORAGE_REBUILD_H_

#include <string_view>

#include "traject/status.h"

namespace traject::storage {

// Opens the database at `location` as it is (no migration), clears every projection and
// replays the whole log into them, in one write transaction.
Status RebuildAllProjections(std::string_view location);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_REBUILD_H_
