// The clock and the as-recorded view (issue 21, item 9; store.h, StoreOptions::clock_ms). A
// clock that jumps back and forth (a corrected system clock, two hosts with skew) never makes an
// organisation's record times decrease, and Store::AsRecorded(day) is always the prefix of the
// log recorded by the end of that day: it never fails, and it equals a database in which only
// that prefix was ever recorded.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "storage/command_generator.h"
#include "testutil.h"
#include "traject/store.h"

namespace traject {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

// A store of organisation "test-org" on `clock`.
std::unique_ptr<Store> OpenOnClock(const std::string& location,
                                   std::function<std::int64_t()> clock) {
  StoreOptions options;
  options.catalogue = &test::TestCatalogue();
  options.actor = "tester";
  options.organisation = "test-org";
  options.create_organisation = true;
  options.clock_ms = std::move(clock);
  Result<std::unique_ptr<Store>> store = Store::Open(location, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

std::vector<Event> LogOf(Store& store) {
  std::vector<Event> events;
  EXPECT_OK(store.ForEachEvent([&](const Event& e) {
    events.push_back(e);
    return Status::OK();
  }));
  return events;
}

struct Accepted {
  Command command;
  std::int64_t clock_ms;  // what the clock said when it was recorded
};

class RecordClockTest : public ::testing::TestWithParam<std::uint32_t> {};

TEST_P(RecordClockTest, AsRecordedIsAlwaysARebuildOfAPrefixOfTheLog) {
  constexpr int kCommands = 300;
  std::mt19937 rng(GetParam());
  // The clock walks forward to the generator's last day (test::kTestClockMs), jumping up to
  // ten days back or ahead of where it is on every other call.
  const std::int64_t first_ms = test::kTestClockMs - 40 * kDayMs;
  std::int64_t now_ms = first_ms;
  test::TempDir dir;
  auto store = OpenOnClock(dir.Database("source"), [&] { return now_ms; });
  ASSERT_NE(store, nullptr);
  test::CommandGenerator generator(GetParam());
  std::vector<Accepted> accepted;
  int went_back = 0;
  for (int i = 0; i < kCommands; ++i) {
    const std::int64_t walk = first_ms + (test::kTestClockMs - first_ms) * i / kCommands;
    const std::int64_t jump =
        std::uniform_int_distribution<std::int64_t>(-10 * kDayMs, 10 * kDayMs)(rng);
    const std::int64_t next = std::min(walk + (i % 2 ? jump : 0), test::kTestClockMs);
    went_back += next < now_ms ? 1 : 0;
    now_ms = next;
    const Command command = generator.Next();
    Result<Recorded> recorded = store->Record(command);
    if (!recorded.ok()) continue;
    generator.Learn(*recorded);
    accepted.push_back({command, now_ms});
  }
  ASSERT_GT(went_back, kCommands / 8) << "the clock must go back often for this to test anything";
  ASSERT_GT(accepted.size(), 50u);

  // Record times never decrease, and none is later than the clock ever said.
  const std::vector<Event> log = LogOf(*store);
  for (std::size_t i = 1; i < log.size(); ++i) {
    ASSERT_GE(log[i].recorded_at_ms, log[i - 1].recorded_at_ms) << "event " << log[i].seq;
  }
  ASSERT_LE(log.back().recorded_at_ms, test::kTestClockMs);

  // Each day of the clock's range: the view holds exactly the prefix recorded by its end, and
  // its projections are those of a database where only that prefix was recorded, on the clock
  // as it then was.
  for (std::int64_t day_ms = first_ms; day_ms <= test::kTestClockMs; day_ms += 3 * kDayMs) {
    const Date day = DateOfUnixMs(day_ms);
    SCOPED_TRACE(FormatDate(day));
    Result<std::unique_ptr<Store>> view = store->AsRecorded(day);
    ASSERT_OK(view);
    std::vector<Event> prefix;
    for (const Event& e : log) {
      if (ToDays(DateOfUnixMs(e.recorded_at_ms)) > ToDays(day)) break;
      prefix.push_back(e);
    }
    const std::vector<Event> seen = LogOf(**view);
    ASSERT_EQ(seen.size(), prefix.size());
    for (std::size_t i = 0; i < seen.size(); ++i) {
      ASSERT_EQ(seen[i].seq, prefix[i].seq);
      ASSERT_EQ(EncodePayload(seen[i].payload), EncodePayload(prefix[i].payload));
    }

    std::int64_t replay_ms = first_ms;
    auto rebuilt =
        OpenOnClock(dir.Database("prefix-" + FormatDate(day)), [&] { return replay_ms; });
    ASSERT_NE(rebuilt, nullptr);
    std::int64_t last_ms = first_ms;
    for (const Accepted& a : accepted) {
      last_ms = std::max(last_ms, a.clock_ms);
      if (ToDays(DateOfUnixMs(last_ms)) > ToDays(day)) break;
      replay_ms = a.clock_ms;
      ASSERT_OK(rebuilt->Record(a.command));
    }
    EXPECT_EQ(*(*view)->DumpProjections(), *rebuilt->DumpProjections());
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RecordClockTest, ::testing::Values(7u, 2026u));

// A log written before record times were kept from decreasing can hold a later event with an
// earlier time: a placement recorded on a clock that was ahead, and its end recorded after the
// clock was set right. The view as recorded on a day between the two leaves both out (the end
// builds on the start); before this, it replayed the end without its placement and failed.
TEST(RecordClockLegacyTest, AnOlderLogWhoseTimesWentBackStillGivesAPrefix) {
  test::TempDir dir;
  const std::string location = dir.Database("legacy");
  std::int64_t now_ms = test::kTestClockMs - 30 * kDayMs;
  auto store = OpenOnClock(location, [&] { return now_ms; });
  ASSERT_NE(store, nullptr);
  ASSERT_OK(store->Record(ParticipantRegistered{
      "P-1", test::D("1990-01-01"), "Noord", "", {}, test::D("2026-01-02"), false}));
  ASSERT_OK(store->Record(TrajectoryStarted{1, "P-1", "test-plan", "zorg", test::D("2026-01-05")}));
  ASSERT_OK(store->Record(MilestoneReached{1, "intake", test::D("2026-01-10"), ""}));
  ASSERT_OK(store->Record(MilestoneReached{1, "vog", test::D("2026-01-15"), "VOG"}));
  now_ms = test::kTestClockMs - 10 * kDayMs;
  ASSERT_OK(store->Record(PlacementStarted{1, 1, "Werk BV", 3600, 240000, test::D("2026-04-01")}));
  now_ms = test::kTestClockMs;
  ASSERT_OK(store->Record(PlacementEnded{1, test::D("2026-05-01"), ""}));
  std::vector<Event> log = LogOf(*store);
  const auto started = std::find_if(log.begin(), log.end(), [](const Event& e) {
    return std::holds_alternative<PlacementStarted>(e.payload);
  });
  ASSERT_NE(started, log.end());
  const std::size_t before_start = static_cast<std::size_t>(started - log.begin());
  const std::int64_t started_seq = started->seq;
  {
    // As a traject without the guarantee wrote it: the placement's start recorded 25 days later
    // than its end.
    auto sql = test::OpenSql(location);
    *sql << "UPDATE events SET recorded_at = " << test::kTestClockMs + 25 * kDayMs
         << " WHERE seq = " << started_seq;
  }
  // Between the end's time and the start's (as changed): neither is in the view.
  Result<std::unique_ptr<Store>> view = store->AsRecorded(DateOfUnixMs(test::kTestClockMs));
  ASSERT_OK(view);
  const std::vector<Event> seen = LogOf(**view);
  ASSERT_EQ(seen.size(), before_start);
  EXPECT_TRUE(std::holds_alternative<MilestoneReached>(seen.back().payload));
  EXPECT_TRUE((*view)->ListPlacementViews()->empty());
  // A write now comes after the log's last record time, whatever the clock says.
  now_ms = test::kTestClockMs - 20 * kDayMs;
  ASSERT_OK(
      store->Record(ContactRecorded{"P-1", ContactKind::kConversation, test::D("2026-05-02")}));
  log = LogOf(*store);
  EXPECT_EQ(log.back().recorded_at_ms, log[log.size() - 2].recorded_at_ms);
}

}  // namespace
}  // namespace traject
