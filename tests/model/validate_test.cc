// ValidateCommand: every limit of traject/events.h, named by field, never repeating the value.
#include <gtest/gtest.h>

#include "testutil.h"
#include "traject/events.h"

namespace traject {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using test::D;

ParticipantRegistered GoodRegistration() {
  return ParticipantRegistered{"P-1", D("1990-02-03"), "Bijlmer Oost", "2019-09",
                               {},    D("2024-01-02"), false};
}

PlacementStarted GoodPlacement() {
  return PlacementStarted{0, 1, "Zorggroep", 3200, 230000, D("2024-03-01")};
}

void ExpectField(const Command& command, const std::string& field, const std::string& secret = "") {
  const Status s = ValidateCommand(command);
  ASSERT_FALSE(s.ok()) << KindOf(command) << " with a bad " << field << " was accepted";
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.field(), field) << s.message();
  if (!secret.empty()) {
    EXPECT_EQ(s.message().find(secret), std::string::npos) << s.message();
  }
}

TEST(ValidateCommandTest, GoodCommandsPass) {
  EXPECT_OK(ValidateCommand(GoodRegistration()));
  EXPECT_OK(ValidateCommand(GoodPlacement()));
  EXPECT_OK(ValidateCommand(
      MilestoneCorrected{1, "vog", D("2024-05-01"), D("2024-02-01"), std::nullopt, "typo"}));
}

TEST(ValidateCommandTest, ImpossibleDatesAreRefused) {
  ParticipantRegistered r = GoodRegistration();
  r.registered = Date{year{2024}, month{2}, day{30}};
  ExpectField(r, "registered");
  r.registered = Date{year{2024}, month{13}, day{1}};
  ExpectField(r, "registered");
  r.registered = Date{year{30000}, month{1}, day{1}};
  ExpectField(r, "registered");
  r.registered = Date{};  // never "today"
  ExpectField(r, "registered");
  EXPECT_NE(ValidateCommand(r).message().find("required"), std::string::npos);
  r = GoodRegistration();
  r.birth = Date{year{1990}, month{2}, day{31}};
  ExpectField(r, "birth");
  ExpectField(PlacementEnded{1, Date{year{1899}, month{12}, day{31}}, ""}, "date");
  ExpectField(LoonwaardeWithdrawn{1, Date{}, D("2024-01-01"), "x"}, "assessed");
}

TEST(ValidateCommandTest, EnumsOutsideTheirTypeAreRefused) {
  ParticipantRegistered r = GoodRegistration();
  r.groups = {static_cast<TargetGroup>(9)};
  ExpectField(r, "groups");
  ExpectField(ContactRecorded{"P-1", static_cast<ContactKind>(42), D("2024-01-02")}, "kind");
  ExpectField(CaseworkerAssigned{"P-1", static_cast<CaseworkerRole>(5), "K", D("2024-01-02")},
              "role");
  ExpectField(
      TrajectoryStateChanged{
          1, {}, static_cast<TrajectoryState>(0), D("2024-01-02"), "", std::nullopt},
      "to");
  ExpectField(
      TrajectoryStateChanged{
          1, {}, TrajectoryState::kUitgestroomd, D("2024-01-02"), "", static_cast<ExitReason>(7)},
      "exit_reason");
}

TEST(ValidateCommandTest, NonPositiveAmountsHoursAndIdsAreRefused) {
  PlacementStarted p = GoodPlacement();
  p.hours_per_week = 0;
  ExpectField(p, "hours_per_week");
  p = GoodPlacement();
  p.hours_per_week = 8001;
  ExpectField(p, "hours_per_week");
  p = GoodPlacement();
  p.gross_monthly_wage = -1;
  ExpectField(p, "gross_monthly_wage");
  p = GoodPlacement();
  p.gross_monthly_wage = kMaxMonthlyWage + 1;
  ExpectField(p, "gross_monthly_wage");
  p = GoodPlacement();
  p.trajectory_id = 0;
  ExpectField(p, "trajectory_id");
  p = GoodPlacement();
  p.placement_id = -4;
  ExpectField(p, "placement_id");
  ExpectField(LoonwaardeAssessed{1, D("2024-01-02"), 101}, "percent");
  ExpectField(LoonwaardeAssessed{1, D("2024-01-02"), -1}, "percent");
  ExpectField(PlacementCorrected{1, D("2024-05-01"), std::nullopt, 0, std::nullopt, std::nullopt,
                                 std::nullopt, false, "typo"},
              "hours_per_week");
}

TEST(ValidateCommandTest, TextOverItsLengthOrWithControlCharactersIsRefused) {
  PlacementStarted p = GoodPlacement();
  p.employer = std::string(kMaxTextLength + 1, 'x');
  ExpectField(p, "employer");
  p.employer = std::string(kMaxTextLength, 'x');
  EXPECT_OK(ValidateCommand(p));
  // Length counts characters, not bytes: 200 × 'é' is 400 bytes and fits.
  std::string accents;
  for (std::size_t i = 0; i < kMaxTextLength; ++i) accents += "\xC3\xA9";
  p.employer = accents;
  EXPECT_OK(ValidateCommand(p));
  p.employer = "Zorg\ngroep";
  ExpectField(p, "employer", "groep");
  p.employer = "Zorg\tgroep";
  ExpectField(p, "employer");
  p.employer = "Zorg\x7fgroep";
  ExpectField(p, "employer");
  p.employer = "Zorg\xC2\x85groep";  // U+0085, a C1 control
  ExpectField(p, "employer");
  p.employer = "Zorg\xFFgroep";  // not UTF-8
  ExpectField(p, "employer");
  p.employer = "";
  ExpectField(p, "employer");
  // Notes may span lines, as a spreadsheet cell can; other control characters are refused.
  EXPECT_OK(ValidateCommand(MilestoneReached{1, "vog", D("2024-01-02"), "VOG\r\n123"}));
  ExpectField(MilestoneReached{1, "vog", D("2024-01-02"), "VOG\t123"}, "evidence");
  ExpectField(PlacementEnded{1, D("2024-01-02"), "einde\x1b[31m"}, "reason");
  ExpectField(CaseworkerUnassigned{"P-1", CaseworkerRole::kKlantmanager, D("2024-01-02"), ""},
              "reason");
}

// Text that shows other than it reads (issue 21, item 8): a name that a bidirectional override
// turns around, or a separator that shows one line as two, is refused in every text field.
TEST(ValidateCommandTest, TextThatShowsOtherThanItReadsIsRefused) {
  const char* deceptive[] = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E",
                             "\u2066", "\u2067", "\u2068", "\u2069"};
  for (const char* c : deceptive) {
    PlacementStarted p = GoodPlacement();
    p.employer = std::string("Zorg") + c + "groep";
    ExpectField(p, "employer", "groep");
    ExpectField(PlacementEnded{1, D("2024-01-02"), std::string("einde") + c}, "reason");
  }
  for (const char* separator : {"\u2028", "\u2029"}) {
    ParticipantRegistered r = GoodRegistration();
    r.area = std::string("Bijlmer") + separator + "Oost";
    ExpectField(r, "area");
    // A note may span lines, so a line separator is a line break there.
    EXPECT_OK(ValidateCommand(PlacementEnded{1, D("2024-01-02"), std::string("a") + separator}));
  }
  // Right-to-left text needs no override: the characters carry their own direction.
  PlacementStarted p = GoodPlacement();
  p.employer = "\u0645\u0637\u0639\u0645 Noord";
  EXPECT_OK(ValidateCommand(p));
  p.employer = "Zorg\u2027groep";  // the code point before U+2028 is ordinary text
  EXPECT_OK(ValidateCommand(p));
}

TEST(ValidateCommandTest, ReferencesAndIdsHaveTheirForm) {
  ParticipantRegistered r = GoodRegistration();
  r.ref = "P 1";
  ExpectField(r, "ref");
  r.ref = "P/1";
  ExpectField(r, "ref");
  r.ref = std::string(65, 'P');
  ExpectField(r, "ref");
  ExpectField(TrajectoryStarted{0, "P-1", "Schiphol", "bagage", D("2024-01-02")}, "programme_id");
  ExpectField(MilestoneReached{1, "", D("2024-01-02"), ""}, "milestone_id");
}

TEST(ValidateCommandTest, ACorrectionMustChangeSomething) {
  ExpectField(ParticipantChanged{"P-1", D("2024-05-01"), std::nullopt, std::nullopt, std::nullopt,
                                 std::nullopt, "nothing"},
              "area");
  ExpectField(PlacementCorrected{1, D("2024-05-01"), std::nullopt, std::nullopt, std::nullopt,
                                 std::nullopt, D("2024-06-01"), true, "both"},
              "end");
  ExpectField(MilestoneCorrected{1, "vog", D("2024-05-01"), std::nullopt, std::nullopt, "x"},
              "reached");
}

TEST(ValidateCommandTest, BirthMustPrecedeRegistrationByFifteenYears) {
  ParticipantRegistered r = GoodRegistration();
  r.birth = D("2024-01-02");
  ExpectField(r, "birth");
  r.birth = D("2010-01-01");
  ExpectField(r, "birth");
  EXPECT_EQ(ValidateCommand(r).message().find("2010"), std::string::npos);
}

}  // namespace
}  // namespace traject
