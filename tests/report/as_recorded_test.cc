// The two kinds of past: "as of" a date (the facts of that day, later corrections applied) and
// "as recorded" on a date (what the database knew then: Store::AsRecorded).
//
// The story, on a clock that moves: on 2026-01-10 a coordinator registers P-R, starts a
// trajectory and records a placement from 2026-01-05. On 2026-02-10 they correct its start to
// 2026-01-12, and enter two facts late: a conversation of 2026-01-08 and a loonwaarde assessment
// of 2026-01-20.
#include <gtest/gtest.h>

#include "testutil.h"
#include "traject/reports.h"

namespace traject {
namespace {

using test::D;

// Noon UTC of a day, in milliseconds: that day on the local calendar in any zone within 12
// hours of UTC.
std::int64_t NoonOf(Date day) { return (ToDays(day) * 86400 + 12 * 3600) * 1000; }

class ReportsAsRecordedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = dir_.Database("recorded");
    StoreOptions options;
    options.catalogue = &test::TestCatalogue();
    options.organisation = "test-org";
    options.create_organisation = true;
    options.clock_ms = [this] { return now_; };
    now_ = NoonOf(D("2026-01-10"));
    Result<std::unique_ptr<Store>> opened = Store::Open(location_, options);
    ASSERT_OK(opened);
    store_ = std::move(opened).value();
    Do(ParticipantRegistered{"P-R", D("1990-01-01"), "Noord", "", {}, D("2025-12-01"), false});
    Do(TrajectoryStarted{1, "P-R", "test-plan", "zorg", D("2025-12-05")});
    Do(MilestoneReached{1, "intake", D("2025-12-10"), ""});
    Do(MilestoneReached{1, "vog", D("2025-12-15"), "VOG"});
    Do(PlacementStarted{1, 1, "Werk BV", 3600, 240000, D("2026-01-05")});
    now_ = NoonOf(D("2026-02-10"));
    Do(PlacementCorrected{1, D("2026-02-10"), {}, {}, {}, D("2026-01-12"), {}, false, "typo"});
    Do(ContactRecorded{"P-R", ContactKind::kConversation, D("2026-01-08")});
    Do(LoonwaardeAssessed{1, D("2026-01-20"), 60});
  }

  void Do(const Command& command) { ASSERT_OK(store_->Record(command)); }

  test::TempDir dir_;
  std::string location_;
  std::int64_t now_ = 0;
  std::unique_ptr<Store> store_;
};

TEST_F(ReportsAsRecordedTest, AStoreAsRecordedKnowsOnlyWhatWasRecordedByThen) {
  Result<std::unique_ptr<Store>> then = store_->AsRecorded(D("2026-01-31"));
  ASSERT_OK(then);
  Store& past = **then;
  // The placement as first recorded; nothing entered later.
  Result<Placement> placement = past.GetPlacement(1);
  ASSERT_OK(placement);
  EXPECT_EQ(placement->start, D("2026-01-05"));
  EXPECT_TRUE(placement->assessments.empty());
  Result<Participant> p = past.GetParticipant("P-R");
  ASSERT_OK(p);
  EXPECT_TRUE(p->contacts.empty());
  // Its log is the events recorded by then, in order.
  std::vector<std::int64_t> recorded_by_then, in_snapshot;
  ASSERT_OK(store_->ForEachEvent([&](const Event& e) {
    if (std::chrono::sys_days(DateOfUnixMs(e.recorded_at_ms)) <=
        std::chrono::sys_days(D("2026-01-31"))) {
      recorded_by_then.push_back(e.seq);
    }
    return Status::OK();
  }));
  ASSERT_OK(past.ForEachEvent([&](const Event& e) {
    in_snapshot.push_back(e.seq);
    return Status::OK();
  }));
  EXPECT_EQ(in_snapshot, recorded_by_then);
  EXPECT_EQ(in_snapshot.size(), 8u);  // organisation, 5 commands, to intake, to geplaatst
  // The live store, as of the same day, has the corrected facts.
  Result<Placement> now = store_->GetPlacement(1);
  ASSERT_OK(now);
  EXPECT_EQ(now->start, D("2026-01-12"));
  EXPECT_EQ(now->assessments.size(), 1u);

  // Reports read the snapshot like any store.
  LoonwaardeReportOptions options;
  options.as_of = D("2026-01-31");
  Result<LoonwaardeReport> known_then = BuildLoonwaardeReport(past, BuiltinParameters(), options);
  ASSERT_OK(known_then);
  ASSERT_EQ(known_then->placements.size(), 1u);  // not assessed, as far as anyone knew
  EXPECT_EQ(known_then->placements[0].start, D("2026-01-05"));
  Result<LoonwaardeReport> as_of = BuildLoonwaardeReport(*store_, BuiltinParameters(), options);
  ASSERT_OK(as_of);
  EXPECT_TRUE(as_of->placements.empty());  // the assessment of 01-20, entered later, counts

  CohortReportOptions cohort;
  cohort.as_of = D("2026-01-31");
  Result<CohortReport> seen_then = BuildCohortReport(past, cohort);
  Result<CohortReport> seen_now = BuildCohortReport(*store_, cohort);
  ASSERT_OK(seen_then);
  ASSERT_OK(seen_now);
  EXPECT_EQ(seen_then->total.spoken, 0);
  EXPECT_EQ(seen_now->total.spoken, 1);
}

TEST_F(ReportsAsRecordedTest, TheSnapshotIsReadOnlyAndOutlivesItsStore) {
  Result<std::unique_ptr<Store>> then = store_->AsRecorded(D("2026-01-31"));
  ASSERT_OK(then);
  const std::string before = test::Everything(*store_);
  Result<Recorded> write =
      (*then)->Record(ContactRecorded{"P-R", ContactKind::kConversation, D("2026-01-20")});
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(write.status().message().find("as recorded on 2026-01-31"), std::string::npos)
      << write.status().message();
  EXPECT_EQ((*then)->BeginBatch().status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ((*then)->RebuildProjections().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(test::Everything(*store_), before);  // nothing reached the database either

  store_.reset();  // the snapshot is a database of its own
  Result<Placement> placement = (*then)->GetPlacement(1);
  ASSERT_OK(placement);
  EXPECT_EQ(placement->start, D("2026-01-05"));
}

TEST_F(ReportsAsRecordedTest, RecordedLaterMeansAfterTheEndOfTheDay) {
  // On 2026-02-10 itself everything was known; on 2026-01-09 nothing was.
  Result<std::unique_ptr<Store>> that_day = store_->AsRecorded(D("2026-02-10"));
  ASSERT_OK(that_day);
  EXPECT_EQ(test::Story(**that_day), test::Story(*store_));
  Result<std::unique_ptr<Store>> before = store_->AsRecorded(D("2026-01-09"));
  ASSERT_OK(before);
  EXPECT_EQ((*before)->GetParticipant("P-R").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(*(*before)->EventCount(), 0);  // not even the organisation (made 2026-01-10)
  EXPECT_EQ(store_->AsRecorded(Date{}).status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace traject
