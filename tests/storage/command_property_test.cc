// Property: whatever commands a caller sends through the public API — every kind, valid and
// invalid, in random order — the store keeps a log it can read back. After each run:
//   - ForEachEvent reads every event (decoding never fails) and counts EventCount;
//   - RebuildProjections gives exactly the live projections;
//   - ExportCsv, then ImportCsv into a new database, gives the same projections and exports the
//     same files again.
// Refusals are fine; a crash, an Internal or a Storage error is not.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <random>

#include "storage/command_generator.h"
#include "testutil.h"
#include "traject/exchange.h"
#include "traject/store.h"

namespace traject {
namespace {

using test::CommandGenerator;

void ExpectTheLogReadsBack(Store& store) {
  std::int64_t read = 0;
  ASSERT_OK(store.ForEachEvent([&](const Event& event) {
    ++read;
    // What is stored decodes to what re-encodes the same.
    Result<EventPayload> again = DecodePayload(KindOf(event.payload), EncodePayload(event.payload));
    EXPECT_TRUE(again.ok()) << again.status().ToString();
    return Status::OK();
  }));
  EXPECT_EQ(read, *store.EventCount());
}

class CommandPropertyTest : public ::testing::TestWithParam<std::uint32_t> {};

TEST_P(CommandPropertyTest, TheLogAlwaysReadsBackReplaysAndRoundTrips) {
  constexpr int kCommands = 2500;
  test::TempDir dir;
  auto store = test::OpenTestStore(dir.Database("source"));
  ASSERT_NE(store, nullptr);
  CommandGenerator generator(GetParam());
  std::map<std::string, std::pair<int, int>> outcomes;  // kind -> (accepted, refused)
  for (int i = 0; i < kCommands; ++i) {
    const Command command = generator.Next();
    Result<Recorded> recorded = store->Record(command);
    auto& [accepted, refused] = outcomes[std::string(KindOf(command))];
    if (recorded.ok()) {
      ++accepted;
      generator.Learn(*recorded);
      continue;
    }
    ++refused;
    const Status::Code code = recorded.status().code();
    ASSERT_TRUE(code == Status::Code::kInvalidArgument || code == Status::Code::kNotFound ||
                code == Status::Code::kConflict)
        << "command " << i << " (" << KindOf(command) << "): " << recorded.status().ToString();
  }
  int accepted_total = 0;
  for (const auto& [kind, counts] : outcomes) {
    EXPECT_GT(counts.second, 0) << kind << " was never refused";
    accepted_total += counts.first;
  }
  EXPECT_EQ(outcomes.size(), std::variant_size_v<Command>) << "a kind was never generated";
  EXPECT_GT(accepted_total, kCommands / 8);

  ExpectTheLogReadsBack(*store);
  const std::string live = *store->DumpProjections();
  ASSERT_OK(store->RebuildProjections());
  EXPECT_EQ(*store->DumpProjections(), live);

  Result<CsvExportSummary> exported = ExportCsv(*store, dir.File("export"));
  ASSERT_OK(exported);
  auto copy = test::OpenTestStore(dir.Database("copy"));
  ASSERT_NE(copy, nullptr);
  Result<CsvImportSummary> imported = ImportCsv(*copy, {dir.File("export")});
  ASSERT_OK(imported);
  EXPECT_EQ(imported->rows, exported->participants + exported->events);
  // The same story; the projections' rows differ only in the events' sequence numbers, as the
  // import records registrations first.
  const std::string story = test::Story(*store);
  EXPECT_GT(story.size(), 1000u);
  EXPECT_EQ(test::Story(*copy), story);
  ExpectTheLogReadsBack(*copy);
  ASSERT_OK(ExportCsv(*copy, dir.File("again")));
  EXPECT_EQ(test::ReadFile(dir.File("again/events.csv")),
            test::ReadFile(dir.File("export/events.csv")));
  EXPECT_EQ(test::ReadFile(dir.File("again/participants.csv")),
            test::ReadFile(dir.File("export/participants.csv")));
}

INSTANTIATE_TEST_SUITE_P(Seeds, CommandPropertyTest, ::testing::Values(1u, 2u, 3u, 2019u));

// A write batch keeps what it decided in memory (at most StoreOptions::batch_records
// participants' records) instead of reading it back. However few it holds, and with reads
// through the store in between (which write out what it holds), one batch of commands tells
// exactly the story the same commands tell one by one: same events, same projections.
TEST_P(CommandPropertyTest, ABatchHoldingAnyNumberOfRecordsTellsTheSameStory) {
  test::TempDir dir;
  auto single = test::OpenTestStore(dir.Database("single"));
  ASSERT_NE(single, nullptr);
  CommandGenerator generator(GetParam());
  std::vector<Command> accepted;
  for (int i = 0; i < 2000; ++i) {
    Command command = generator.Next();
    Result<Recorded> recorded = single->Record(command);
    if (!recorded.ok()) continue;
    generator.Learn(*recorded);
    accepted.push_back(std::move(command));
  }
  ASSERT_GT(accepted.size(), 300u);
  const std::string expected = test::Everything(*single);

  for (std::size_t held : {std::size_t{1}, std::size_t{3}, StoreOptions{}.batch_records}) {
    SCOPED_TRACE(fmt::format("batch_records = {}", held));
    const std::string path = dir.Database(fmt::format("batch-{}", held));
    ASSERT_NE(test::OpenTestStore(path), nullptr);  // created as `single` was
    StoreOptions options;
    options.catalogue = &test::TestCatalogue();
    options.actor = "tester";
    options.clock_ms = [] { return test::kTestClockMs; };
    options.batch_records = held;
    Result<std::unique_ptr<Store>> batched = Store::Open(path, options);
    ASSERT_OK(batched);
    Store& store = **batched;
    Result<std::unique_ptr<WriteBatch>> batch = store.BeginBatch();
    ASSERT_OK(batch);
    for (std::size_t i = 0; i < accepted.size(); ++i) {
      Result<Recorded> recorded = (*batch)->Record(accepted[i]);
      ASSERT_TRUE(recorded.ok()) << "command " << i << ": " << recorded.status().ToString();
      if (i % 97 == 0) ASSERT_OK(store.EventCount());  // a read flushes the batch's records
    }
    ASSERT_OK((*batch)->Commit());
    EXPECT_EQ(test::Everything(store), expected);
  }
}

// Every kind was accepted at least once over the seeds: the property covers corrections too.
TEST(CommandPropertyCoverageTest, EveryKindIsAcceptedSomewhere) {
  std::map<std::string, int> accepted;
  for (std::uint32_t seed : {1u, 2u, 3u, 2019u}) {
    test::TempDir dir;
    auto store = test::OpenTestStore(dir.Database("coverage"));
    ASSERT_NE(store, nullptr);
    CommandGenerator generator(seed);
    for (int i = 0; i < 2500; ++i) {
      const Command command = generator.Next();
      Result<Recorded> recorded = store->Record(command);
      if (!recorded.ok()) continue;
      ++accepted[std::string(KindOf(command))];
      generator.Learn(*recorded);
    }
  }
  for (std::string_view kind : AllEventKinds()) {
    // Written by the store only, not by a command.
    if (kind == "organisation.created" || kind == "participant.forgotten") continue;
    EXPECT_GT(accepted[std::string(kind)], 0) << kind << " was never accepted";
  }
}

}  // namespace
}  // namespace traject
