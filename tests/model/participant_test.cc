#include "traject/participant.h"

#include <gtest/gtest.h>

#include "testutil.h"

namespace traject {
namespace {

using test::D;

TEST(ParticipantTest, BsnElfproef) {
  EXPECT_TRUE(IsValidBsn("111222333"));  // 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66 = 6*11
  EXPECT_TRUE(IsValidBsn("123456782"));
  EXPECT_FALSE(IsValidBsn("123456789"));
  EXPECT_FALSE(IsValidBsn("12345678"));
  EXPECT_FALSE(IsValidBsn("12345678a"));
  EXPECT_FALSE(IsValidBsn("000000000"));
}

TEST(ParticipantTest, GroupsCombineExplicitAndAge) {
  Participant p;
  p.groups = {TargetGroup::kStatushouder};
  p.birth = D("2000-05-01");
  EXPECT_EQ(GroupsOn(p, D("2026-04-30")),
            (std::vector<TargetGroup>{TargetGroup::kStatushouder, TargetGroup::kJongere}));
  EXPECT_EQ(GroupsOn(p, D("2027-05-01")), (std::vector<TargetGroup>{TargetGroup::kStatushouder}));
  p.birth = D("1970-01-01");
  EXPECT_EQ(GroupsOn(p, D("2020-01-01")),
            (std::vector<TargetGroup>{TargetGroup::kStatushouder, TargetGroup::kVijftigPlusser}));
}

TEST(ParticipantTest, ParsesNames) {
  EXPECT_EQ(*ParseTargetGroup("50-plusser"), TargetGroup::kVijftigPlusser);
  EXPECT_FALSE(ParseTargetGroup("senior").ok());
  EXPECT_EQ(*ParseContactKind("home-visit"), ContactKind::kHomeVisit);
  EXPECT_FALSE(ParseContactKind("visit").ok());
}

}  // namespace
}  // namespace traject
