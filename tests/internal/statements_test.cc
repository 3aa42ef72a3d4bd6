// Statements: prepared once, bound by value on every run, read to the end.
#include "storage/statements.h"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "storage/dialect.h"

namespace traject::storage {
namespace {

class StatementsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Location memory;
    memory.path = ":memory:";
    sql_ = Connect(memory, Dialect{}, 1000);
    *sql_ << "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER)";
    statements_ = std::make_unique<Statements>(*sql_);
  }
  void TearDown() override { statements_.reset(); }

  std::unique_ptr<soci::session> sql_;
  std::unique_ptr<Statements> statements_;
};

TEST_F(StatementsTest, OneTextIsPreparedOnce) {
  Statement& first = statements_->Get("SELECT COUNT(*) FROM t", "i");
  Statement& again = statements_->Get(std::string("SELECT COUNT(*) FROM t"), "i");
  EXPECT_EQ(&first, &again);
  EXPECT_NE(&first, &statements_->Get("SELECT COUNT(*) + 0 FROM t", "i"));
  EXPECT_EQ(statements_->size(), 2u);
}

TEST_F(StatementsTest, EachRunBindsItsOwnValues) {
  Statement& insert = statements_->Get("INSERT INTO t (id, name, n) VALUES (:id, :name, :n)");
  // 64-bit values survive (SOCI's soci::row would truncate them; ../shared/STACK.md).
  const std::int64_t big = 5'000'000'000'123;
  insert.Run(1, std::string("een"), std::optional<std::int64_t>(big));
  EXPECT_EQ(insert.affected_rows(), 1);
  insert.Run(2, "twee", std::optional<std::int64_t>());
  insert.Run(3, std::string_view("drie"), std::optional<std::int64_t>(-7));

  Statement& select =
      statements_->Get("SELECT id, name, n FROM t WHERE id >= :from ORDER BY id", "iti");
  std::vector<std::string> names;
  std::vector<std::optional<std::int64_t>> numbers;
  select.Run(2);
  while (select.Next()) {
    names.push_back(select.Text(1));
    numbers.push_back(select.OptionalInt(2));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"twee", "drie"}));
  EXPECT_EQ(numbers, (std::vector<std::optional<std::int64_t>>{std::nullopt, -7}));

  select.Run(1);
  ASSERT_TRUE(select.Next());
  EXPECT_EQ(select.Int(2), big);
  while (select.Next()) {
  }
}

TEST_F(StatementsTest, OneReadsAtMostOneRow) {
  statements_->Get("INSERT INTO t (id, name) VALUES (:id, :name)").Run(1, "a");
  statements_->Get("INSERT INTO t (id, name) VALUES (:id, :name)").Run(2, "b");
  Statement& by_id = statements_->Get("SELECT name FROM t WHERE id = :id", "t");
  EXPECT_FALSE(by_id.Run(9).One());
  ASSERT_TRUE(by_id.Run(2).One());
  EXPECT_EQ(by_id.Text(0), "b");
  EXPECT_FALSE(by_id.IsNull(0));
  Statement& all = statements_->Get("SELECT name FROM t ORDER BY id", "t");
  EXPECT_THROW(all.Run().One(), soci::soci_error);
  // The failed One drained the query, so it runs again from the start.
  ASSERT_TRUE(all.Run().Next());
  EXPECT_EQ(all.Text(0), "a");
  while (all.Next()) {
  }
}

TEST_F(StatementsTest, AStatementKeepsItsParameterTypes) {
  Statement& by_id = statements_->Get("SELECT name FROM t WHERE id = :id", "t");
  EXPECT_FALSE(by_id.Run(1).One());
  EXPECT_THROW(by_id.Run("1"), std::logic_error);
  EXPECT_THROW(statements_->Get("SELECT 1", "x"), std::logic_error);
}

}  // namespace
}  // namespace traject::storage
