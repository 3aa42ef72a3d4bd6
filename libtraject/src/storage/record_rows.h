// ParticipantRecords (model/participant_record.h) in the projection tables: loading one by its
// participant's reference, and writing the rows that changed. Both run inside the caller's
// transaction, through prepared statements, and touch only the participant's own rows, found
// through indexes: the cost of a load or a write does not grow with the database.
// Throws soci::soci_error on database failure.
#ifndef TRAJECT_STORAGE_RECORD_ROWS_H_
#define TRAJECT_STORAGE_RECORD_ROWS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "model/participant_record.h"
#include "storage/bulk_inserts.h"
#include "storage/statements.h"

namespace traject::storage {

// The record of `ref`: when the participant is not registered, a record without a participant
// row. Tables newer than `schema_version` are left out.
model::ParticipantRecord LoadRecord(Statements& sql, const std::string& org, const std::string& ref,
                                    int schema_version);

// Writes every changed row of `record` (deletions and updates at once, new rows through
// `inserts`, parents before children) and marks it written. Columns and tables newer than
// `schema_version` are left out.
void WriteRecord(Statements& sql, BulkInserts& inserts, const std::string& org,
                 model::ParticipantRecord& record, int schema_version);

// Deletes every projection row of the participant `ref` (children first). Tables newer than
// `schema_version` are left out.
void DeleteRecordRows(Statements& sql, const std::string& org, const std::string& ref,
                      int schema_version);

// The participant a trajectory or placement belongs to; nullopt when there is none.
std::optional<std::string> RefOfTrajectory(Statements& sql, const std::string& org,
                                           std::int64_t id);
std::optional<std::string> RefOfPlacement(Statements& sql, const std::string& org, std::int64_t id);

// A trajectory without its details, as selected by `SELECT kTrajectoryColumns FROM trajectories`
// into a statement with kTrajectoryTypes.
inline constexpr const char* kTrajectoryColumns =
    "id, ref, programme, track, state, started, state_since, exit_reason";
inline constexpr const char* kTrajectoryTypes = "itttiiit";
Trajectory TrajectoryAt(const Statement& s);
// A placement without its assessments, from a statement whose first columns are these.
inline constexpr const char* kPlacementTypes = "iitiiiit";
Placement PlacementAt(const Statement& s);

// Stored group sets: a bit per TargetGroup value.
long long GroupBits(const std::vector<TargetGroup>& groups);
std::vector<TargetGroup> GroupsFromBits(long long bits);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_RECORD_ROWS_H_
