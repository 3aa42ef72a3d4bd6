// Reads the projection tables of one organisation into the public model types. Every function
// takes the organisation and filters on it. Throws soci::soci_error on database failure.
#ifndef TRAJECT_STORAGE_QUERIES_H_
#define TRAJECT_STORAGE_QUERIES_H_

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "traject/participant.h"
#include "traject/placement.h"
#include "traject/store.h"
#include "traject/trajectory.h"

namespace traject::storage {

// With caseworker assignments; with contacts and corrections too when `details`.
std::optional<Participant> FindParticipant(soci::session& sql, const std::string& org,
                                           const std::string& ref, int schema_version,
                                           bool details);
std::vector<Participant> ListParticipants(soci::session& sql, const std::string& org,
                                          const std::string& area, int schema_version);

// With milestones, history and corrections when `details`.
std::optional<Trajectory> FindTrajectory(soci::session& sql, const std::string& org,
                                         std::int64_t id, bool details, int schema_version);
std::vector<Trajectory> ListTrajectories(soci::session& sql, const std::string& org,
                                         const TrajectoryFilter& filter);
std::int64_t NextTrajectoryId(soci::session& sql, const std::string& org);

std::optional<Placement> FindPlacement(soci::session& sql, const std::string& org, std::int64_t id);
std::vector<Placement> PlacementsOf(soci::session& sql, const std::string& org,
                                    std::int64_t trajectory_id);
std::vector<PlacementView> ListPlacementViews(soci::session& sql, const std::string& org);
std::int64_t NextPlacementId(soci::session& sql, const std::string& org);

std::vector<Organisation> ListOrganisations(soci::session& sql);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_QUERIES_H_
