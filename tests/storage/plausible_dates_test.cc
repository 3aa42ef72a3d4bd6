// Plausible dates: the store refuses facts dated after today and dates that contradict the
// record, naming the field; a refused command changes nothing.
#include <gtest/gtest.h>

#include "testutil.h"
#include "traject/store.h"

namespace traject {
namespace {

using test::D;

class PlausibleDatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenTestStore(dir_.Database("t"));
    ASSERT_NE(store_, nullptr);
    // Registered 2024-01-02, born 1990-01-01; trajectory 1 from 2024-01-08. Today: 2026-06-01.
    ASSERT_OK(store_->Record(ParticipantRegistered{
        "P-1", D("1990-01-01"), "Bijlmer Oost", "", {}, D("2024-01-02"), false}));
    ASSERT_OK(store_->Record(TrajectoryStarted{0, "P-1", "test-plan", "zorg", D("2024-01-08")}));
  }

  // Expects `command` refused as InvalidArgument naming `field`, with nothing written.
  void ExpectRefused(const Command& command, const std::string& field,
                     const std::string& words = "") {
    const std::string before = test::Everything(*store_);
    Result<Recorded> recorded = store_->Record(command);
    ASSERT_FALSE(recorded.ok()) << KindOf(command) << " was accepted";
    EXPECT_EQ(recorded.status().code(), Status::Code::kInvalidArgument)
        << recorded.status().ToString();
    EXPECT_EQ(recorded.status().field(), field) << recorded.status().message();
    if (!words.empty()) {
      EXPECT_NE(recorded.status().message().find(words), std::string::npos)
          << recorded.status().message();
    }
    EXPECT_EQ(test::Everything(*store_), before);
  }

  test::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(PlausibleDatesTest, FactsAfterTodayAreRefused) {
  ExpectRefused(ParticipantRegistered{"P-2", std::nullopt, "", "", {}, D("2026-06-02"), false},
                "registered", "after today (2026-06-01)");
  ExpectRefused(ContactRecorded{"P-1", ContactKind::kInvited, D("2026-06-02")}, "date");
  ExpectRefused(
      CaseworkerAssigned{"P-1", CaseworkerRole::kKlantmanager, "K. Smit", D("2027-01-01")}, "date");
  ExpectRefused(TrajectoryStarted{0, "P-1", "test-plan", "zorg", D("2026-07-01")}, "date");
  ExpectRefused(MilestoneReached{1, "intake", D("2026-06-02"), ""}, "date");
  // Today itself is fine.
  ASSERT_OK(store_->Record(MilestoneReached{1, "intake", D("2026-06-01"), ""}));
}

TEST_F(PlausibleDatesTest, TrajectoryStartBeforeRegistrationOrBirthIsRefused) {
  ExpectRefused(TrajectoryStarted{0, "P-1", "test-plan", "zorg", D("2024-01-01")}, "date",
                "before the registration");
  ASSERT_OK(store_->Record(
      ParticipantRegistered{"P-2", std::nullopt, "", "", {}, D("2024-01-02"), false}));
  ASSERT_OK(store_->Record(ParticipantChanged{"P-2", D("2024-02-01"), std::nullopt, std::nullopt,
                                              std::nullopt, D("2000-05-05"), "birth date known"}));
  ExpectRefused(TrajectoryStarted{0, "P-2", "test-plan", "zorg", D("1999-01-01")}, "date", "birth");
}

TEST_F(PlausibleDatesTest, ContactsAndAssignmentsBeforeRegistrationAreRefused) {
  ExpectRefused(ContactRecorded{"P-1", ContactKind::kInvited, D("2024-01-01")}, "date",
                "before the registration");
  ExpectRefused(CaseworkerAssigned{"P-1", CaseworkerRole::kJobhunter, "J. Vos", D("2023-12-31")},
                "date", "before the registration");
}

TEST_F(PlausibleDatesTest, AMilestoneBeforeOneItRequiresIsRefused) {
  ASSERT_OK(store_->Record(MilestoneReached{1, "intake", D("2024-02-01"), ""}));
  ExpectRefused(MilestoneReached{1, "vog", D("2024-01-20"), ""}, "date",
                "before 'intake' (2024-02-01), which it requires");
  ASSERT_OK(store_->Record(MilestoneReached{1, "vog", D("2024-02-01"), ""}));
}

TEST_F(PlausibleDatesTest, APlacementEndBeforeItsStartIsRefused) {
  ASSERT_OK(store_->Record(MilestoneReached{1, "intake", D("2024-02-01"), ""}));
  ASSERT_OK(store_->Record(MilestoneReached{1, "vog", D("2024-02-02"), ""}));
  ASSERT_OK(store_->Record(PlacementStarted{0, 1, "Zorggroep", 3200, 230000, D("2024-03-01")}));
  ExpectRefused(PlacementEnded{1, D("2024-02-28"), ""}, "date", "before its start");
  ExpectRefused(PlacementEnded{1, D("2026-06-30"), ""}, "date", "after today");
}

TEST_F(PlausibleDatesTest, AnEmptyDateIsRequiredNeverToday) {
  MilestoneReached reached;
  reached.trajectory_id = 1;
  reached.milestone_id = "intake";
  ExpectRefused(reached, "date", "required");
}

}  // namespace
}  // namespace traject
