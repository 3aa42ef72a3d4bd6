#include <gtest/gtest.h>

#include "testutil.h"
#include "traject/events.h"

namespace traject {
namespace {

using test::D;

std::vector<EventPayload> OneOfEach() {
  return {OrganisationCreated{"amsterdam", "Gemeente Amsterdam", D("2019-01-01")},
          ParticipantRegistered{"P-1",
                                D("1990-02-03"),
                                "Bijlmer Oost",
                                "2019-09",
                                {TargetGroup::kStatushouder},
                                D("2019-09-02"),
                                true},
          CaseworkerAssigned{"P-1", CaseworkerRole::kJobhunter, "J. de Vries", D("2019-09-03")},
          ContactRecorded{"P-1", ContactKind::kHomeVisit, D("2019-09-04")},
          TrajectoryStarted{7, "P-1", "zuidoostwerkt", "calibris", D("2019-09-05")},
          TrajectoryStateChanged{7, TrajectoryState::kGeplaatst, TrajectoryState::kUitgestroomd,
                                 D("2020-01-01"), "werk", ExitReason::kWork},
          MilestoneReached{7, "vog", D("2019-10-01"), "VOG 123"},
          PlacementStarted{3, 7, "Zorggroep Zuidoost", 3250, 215000, D("2019-11-01")},
          PlacementEnded{3, D("2020-10-31"), "contract ended"},
          LoonwaardeAssessed{3, D("2019-12-01"), 55}};
}

TEST(PayloadCodecTest, EveryKindRoundTrips) {
  std::vector<EventPayload> all = OneOfEach();
  ASSERT_EQ(all.size(), AllEventKinds().size());
  for (const EventPayload& payload : all) {
    const std::string json = EncodePayload(payload);
    EXPECT_EQ(json.find("{\"version\": 1,"), 0u) << json;
    EXPECT_EQ(json.find('\n'), std::string::npos) << json;
    Result<EventPayload> decoded = DecodePayload(KindOf(payload), json);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(EncodePayload(*decoded), json);
    EXPECT_EQ(decoded->index(), payload.index());
  }
}

TEST(PayloadCodecTest, BadPayloadsNameKindAndField) {
  Result<EventPayload> missing = DecodePayload("placement.ended", R"({"version":1,"placement":3})");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("placement.ended"), std::string::npos);

  Result<EventPayload> bad_date = DecodePayload(
      "placement.ended", R"({"version":1,"placement":3,"date":"2020-02-30","reason":""})");
  ASSERT_FALSE(bad_date.ok());
  EXPECT_NE(bad_date.status().message().find("field 'date'"), std::string::npos)
      << bad_date.status().message();

  Result<EventPayload> future = DecodePayload(
      "placement.ended", R"({"version":9,"placement":3,"date":"2020-02-03","reason":""})");
  ASSERT_FALSE(future.ok());
  EXPECT_NE(future.status().message().find("version 9"), std::string::npos);

  EXPECT_FALSE(DecodePayload("no.such-kind", "{}").ok());
  EXPECT_FALSE(DecodePayload("placement.ended", "not json").ok());
}

}  // namespace
}  // namespace traject
