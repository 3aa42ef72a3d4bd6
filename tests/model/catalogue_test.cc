#include "traject/catalogue.h"

#include <gtest/gtest.h>

#include "testutil.h"

namespace traject {
namespace {

TEST(CatalogueTest, AcceptsTheTestProgramme) {
  EXPECT_TRUE(ValidateProgramme(test::TestProgramme()).ok());
}

TEST(CatalogueTest, RejectsCyclesUnknownAnchorsAndDuplicates) {
  ProgrammeDefinition p = test::TestProgramme();
  p.tracks[0].milestones[0].after = {"diploma"};  // intake after diploma: a cycle
  Status cycle = ValidateProgramme(p);
  ASSERT_FALSE(cycle.ok());
  EXPECT_NE(cycle.message().find("cycle"), std::string::npos) << cycle.message();

  p = test::TestProgramme();
  p.tracks[0].milestones[1].deadline = Deadline{"nope", 10};
  Status anchor = ValidateProgramme(p);
  ASSERT_FALSE(anchor.ok());
  EXPECT_NE(anchor.message().find("unknown milestone 'nope'"), std::string::npos)
      << anchor.message();

  p = test::TestProgramme();
  p.tracks[0].milestones[2].id = "intake";
  EXPECT_NE(ValidateProgramme(p).message().find("duplicate id"), std::string::npos);

  p = test::TestProgramme();
  p.tracks[0].milestones[2].deadline = Deadline{"", 0};
  EXPECT_NE(ValidateProgramme(p).message().find("not in 1..3660"), std::string::npos);

  p = test::TestProgramme();
  p.id = "Bad Id";
  EXPECT_NE(ValidateProgramme(p).message().find("malformed programme id"), std::string::npos);
}

TEST(CatalogueTest, SameIdFromTwoSourcesIsAConflictNamingBoth) {
  ProgrammeCatalogue catalogue;
  ASSERT_TRUE(catalogue.Add(test::TestProgramme(), "a.so").ok());
  Status twice = catalogue.Add(test::TestProgramme(), "b.so");
  EXPECT_EQ(twice.code(), Status::Code::kConflict);
  EXPECT_NE(twice.message().find("a.so"), std::string::npos);
  EXPECT_NE(twice.message().find("b.so"), std::string::npos);
  EXPECT_EQ(catalogue.All().size(), 1u);
}

}  // namespace
}  // namespace traject
