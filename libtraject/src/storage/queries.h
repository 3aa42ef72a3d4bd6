// Queries over many records of one organisation's projections, into the public model types
// (one record is read whole: storage/record_rows.h). Every function takes the organisation and
// filters on it. Throws soci::soci_error on database failure.
#ifndef TRAJECT_STORAGE_QUERIES_H_
#define TRAJECT_STORAGE_QUERIES_H_

#include <optional>
#include <string>
#include <vector>

#include "storage/statements.h"
#include "traject/participant.h"
#include "traject/placement.h"
#include "traject/store.h"
#include "traject/trajectory.h"

namespace traject::storage {

// Without contacts, assignments and corrections; ordered by ref.
// The ref of the organisation's participant with this BSN hash, if any. REQUIRES: schema >= 5.
std::optional<std::string> RefWithBsnHash(Statements& sql, const std::string& org,
                                          const std::string& bsn_hash);

std::vector<Participant> ListParticipants(Statements& sql, const std::string& org,
                                          const std::string& area, int schema_version);
// Without details; ordered by id.
std::vector<Trajectory> ListTrajectories(Statements& sql, const std::string& org,
                                         const TrajectoryFilter& filter);
std::vector<PlacementView> ListPlacementViews(Statements& sql, const std::string& org);
std::vector<Organisation> ListOrganisations(Statements& sql);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_QUERIES_H_
