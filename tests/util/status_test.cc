#include "traject/status.h"

#include <gtest/gtest.h>

#include <string>

namespace traject {
namespace {

TEST(StatusTest, BusyIsRetryableAndNamed) {
  const Status busy = Status::Busy("the database is locked by another writer");
  EXPECT_FALSE(busy.ok());
  EXPECT_TRUE(busy.IsRetryable());
  EXPECT_FALSE(Status::Storage("disk full").IsRetryable());
  EXPECT_EQ(busy.ToString(), "busy: the database is locked by another writer");
}

TEST(StatusTest, FieldSurvivesContext) {
  const Status s = Status::InvalidArgument("no such day").WithField("date").WithContext("row 3");
  EXPECT_EQ(s.field(), "date");
  EXPECT_EQ(s.message(), "row 3: no such day");
  EXPECT_TRUE(Status::OK().WithField("date").field().empty());
}

TEST(ResultTest, AnOkStatusWithoutAValueIsAnInternalError) {
  Result<int> r = Status::OK();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInternal);
  EXPECT_NE(r.status().message().find("without a value"), std::string::npos);
}

TEST(ResultTest, ValueHoldsTheValue) {
  Result<std::string> r = std::string("P-1");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.status().ok());
  EXPECT_EQ(*r, "P-1");
  EXPECT_EQ(r->size(), 3u);
}

TEST(ResultDeathTest, ValueOnAnErrorNamesTheError) {
  Result<int> r = Status::NotFound("no trajectory 9 in organisation 'amsterdam'");
  EXPECT_DEATH((void)r.value(), "no trajectory 9 in organisation 'amsterdam'");
}

}  // namespace
}  // namespace traject
