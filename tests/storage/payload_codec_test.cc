#include <fmt/format.h>
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
          LoonwaardeAssessed{3, D("2019-12-01"), 55},
          ParticipantChanged{"P-1", D("2020-02-01"), "Zuidoost", std::nullopt,
                             std::vector<TargetGroup>{}, D("1990-03-02"), "typo in birth date"},
          CaseworkerUnassigned{"P-1", CaseworkerRole::kJobhunter, D("2020-02-02"), "left"},
          MilestoneCorrected{7, "vog", D("2020-02-03"), D("2019-10-02"), std::nullopt, "typo"},
          MilestoneRetracted{7, "vog", D("2020-02-04"), "recorded on the wrong trajectory"},
          PlacementCorrected{3, D("2020-02-05"), std::nullopt, 3600, std::nullopt, D("2019-11-04"),
                             std::nullopt, true, "contract had 36 hours"},
          LoonwaardeWithdrawn{3, D("2019-12-01"), D("2020-02-06"), "assessed the wrong job"},
          ParticipantForgotten{"forgotten-0123456789abcdef", D("2020-03-01"), 12,
                               std::string(64, 'e')}};
}

TEST(PayloadCodecTest, EveryKindRoundTrips) {
  std::vector<EventPayload> all = OneOfEach();
  ASSERT_EQ(all.size(), AllEventKinds().size());
  for (const EventPayload& payload : all) {
    const std::string json = EncodePayload(payload);
    const std::uint32_t version = PayloadVersion(KindOf(payload));
    EXPECT_EQ(json.find(fmt::format("{{\"version\": {},", version)), 0u) << json;
    EXPECT_EQ(json.find('\n'), std::string::npos) << json;
    Result<EventPayload> decoded = DecodePayload(KindOf(payload), json);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(EncodePayload(*decoded), json);
    EXPECT_EQ(decoded->index(), payload.index());
    // participant.registered is at 2 (bsn_hash), participant.forgotten at 2 (its mac); every
    // other kind still at 1.
    const bool second =
        KindOf(payload) == "participant.registered" || KindOf(payload) == "participant.forgotten";
    EXPECT_EQ(version, second ? 2u : 1u);
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

  // Every number is an integer: one with a fraction or an exponent is refused, so a double
  // rapidjson computes (and could compute wrongly: cmake/sanitizer-ignorelist.txt) is never used.
  for (const char* placement :
       {"3.0", "3e0", "2e091", "0e091", "NaN", "-Infinity", "123456789012345678901234567890"}) {
    Result<EventPayload> not_integer =
        DecodePayload("placement.ended", std::string(R"({"version":1,"placement":)") + placement +
                                             R"(,"date":"2020-02-03","reason":""})");
    EXPECT_EQ(not_integer.status().code(), Status::Code::kInvalidArgument) << placement;
  }
  // Nesting a recursive parser would follow until the stack overflows.
  Result<EventPayload> deep = DecodePayload(
      "placement.ended", R"({"version":1,"placement":3,"reason":)" + std::string(300000, '['));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status().message(),
            "bad placement.ended payload: arrays or objects nested deeper than 64 levels");
}

TEST(PayloadCodecTest, CorrectionsKeepWhichFieldsChanged) {
  // An empty new area differs from "area unchanged": "changed" says which fields are new.
  const ParticipantChanged cleared{"P-1",        D("2020-02-01"), std::string(), std::nullopt,
                                   std::nullopt, std::nullopt,    "area unknown"};
  Result<EventPayload> decoded =
      DecodePayload("participant.changed", EncodePayload(EventPayload(cleared)));
  ASSERT_OK(decoded);
  const auto& back = std::get<ParticipantChanged>(*decoded);
  ASSERT_TRUE(back.area.has_value());
  EXPECT_EQ(*back.area, "");
  EXPECT_FALSE(back.cohort.has_value());
  EXPECT_FALSE(back.groups.has_value());
  EXPECT_FALSE(back.birth.has_value());

  EXPECT_FALSE(DecodePayload("participant.changed",
                             R"({"version":1,"ref":"P-1","date":"2020-02-01","changed":["bsn"],)"
                             R"("area":"","cohort":"","groups":[],"birth":"","reason":"x"})")
                   .ok());
}

TEST(PayloadCodecTest, DecodingErrorsNeverRepeatTheValue) {
  Result<EventPayload> bad = DecodePayload(
      "participant.registered",
      R"({"version":1,"ref":"P-1","birth":"1990-13-45","area":"","cohort":"","groups":[],)"
      R"("registered":"2024-01-02","bsn_verified":false})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("field 'birth'"), std::string::npos);
  EXPECT_EQ(bad.status().message().find("1990-13-45"), std::string::npos) << bad.status().message();
  Result<EventPayload> group = DecodePayload(
      "participant.registered",
      R"({"version":1,"ref":"P-1","birth":"","area":"","cohort":"","groups":["Secret-Group"],)"
      R"("registered":"2024-01-02","bsn_verified":false})");
  ASSERT_FALSE(group.ok());
  EXPECT_EQ(group.status().message().find("Secret-Group"), std::string::npos);
}

}  // namespace
}  // namespace traject
