// The decision reads (model/decide.h) answered with SQL from the projections of one
// organisation, inside the caller's transaction.
#ifndef TRAJECT_STORAGE_SQL_READS_H_
#define TRAJECT_STORAGE_SQL_READS_H_

#include <soci/soci.h>

#include <string>

#include "model/decide.h"

namespace traject::storage {

class SqlReads final : public model::DecisionReads {
 public:
  SqlReads(soci::session& sql, const std::string& org, int schema_version)
      : sql_(sql), org_(org), schema_version_(schema_version) {}

  std::optional<Participant> FindParticipant(const std::string& ref) override;
  std::optional<Trajectory> FindTrajectory(std::int64_t id, bool details) override;
  std::vector<Trajectory> TrajectoriesOf(const std::string& ref) override;
  std::optional<Placement> FindPlacement(std::int64_t id) override;
  std::vector<Placement> PlacementsOf(std::int64_t trajectory_id) override;
  std::int64_t NextTrajectoryId() override;
  std::int64_t NextPlacementId() override;

 private:
  soci::session& sql_;
  const std::string& org_;
  int schema_version_;
};

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_SQL_READS_H_
