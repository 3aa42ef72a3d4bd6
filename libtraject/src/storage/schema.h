// Versioned schema migrations. The schema is a list of numbered steps; a database records the
// highest step applied in `schema_version`. Opening a database applies the missing steps in
// order, each in its own transaction. A step that changes projection tables asks for a
// replay of the log afterwards (projections are derived data; the log is never migrated in
// place). Full description: docs/storage.md.
#ifndef TRAJECT_STORAGE_SCHEMA_H_
#define TRAJECT_STORAGE_SCHEMA_H_

#include <soci/soci.h>

#include "storage/dialect.h"
#include "traject/status.h"

namespace traject::storage {

// From this version on: participants.forgotten and audit_rewrites (Store::ForgetParticipant).
inline constexpr int kForgetSchema = 6;

// The newest schema version this build knows.
int LatestSchemaVersion();

// The version recorded in the database: 0 for an empty database.
// Storage error when the database holds tables but is not a traject database.
Result<int> ReadSchemaVersion(soci::session& sql, const Dialect& dialect);

// Applies the steps after the current version up to `target` (LatestSchemaVersion() when 0).
// Sets `*needs_replay` when a step applied asks for projections to be rebuilt.
// Storage error when the database is newer than this build; it is left untouched then.
Status Migrate(soci::session& sql, const Dialect& dialect, int target, bool* needs_replay);

// The projection tables a database at `schema_version` has, in an order safe for DELETE
// (children first).
const std::vector<std::string>& ProjectionTables(int schema_version);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_SCHEMA_H_
