#include "storage/statements.h"

#include <fmt/format.h>

#include <stdexcept>

namespace traject::storage {

Statement::Statement(soci::session& sql, std::string text, std::string columns)
    : sql_(sql), text_(std::move(text)) {
  columns_.resize(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] != 'i' && columns[i] != 't') {
      throw std::logic_error(fmt::format("statement column type '{}'", columns[i]));
    }
    columns_[i].type = columns[i];
  }
}

Statement::~Statement() = default;

void Statement::Typed(Slot& slot, char type, bool first) {
  if (first) {
    slot.type = type;
  } else if (slot.type != type) {
    throw std::logic_error("a prepared statement was run with another parameter type");
  }
}

void Statement::Execute() {
  if (!statement_) {
    auto statement = std::make_unique<soci::statement>(sql_);
    for (Slot& c : columns_) {
      if (c.type == 'i') {
        statement->exchange(soci::into(c.integer, c.indicator));
      } else {
        statement->exchange(soci::into(c.text, c.indicator));
      }
    }
    for (Slot& p : params_) {
      if (p.type == 'i') {
        statement->exchange(soci::use(p.integer, p.indicator));
      } else {
        statement->exchange(soci::use(p.text, p.indicator));
      }
    }
    statement->alloc();
    statement->prepare(text_);
    statement->define_and_bind();
    statement_ = std::move(statement);
  }
  pending_row_ = statement_->execute(true) && !columns_.empty();
}

bool Statement::Next() {
  if (pending_row_) {
    pending_row_ = false;
    return true;
  }
  if (columns_.empty() || !statement_) return false;
  return statement_->fetch();
}

bool Statement::One() {
  if (!Next()) return false;
  const std::vector<Slot> row = columns_;
  if (Next()) {
    while (Next()) {
    }
    throw soci::soci_error("a query for one row returned several");
  }
  // Element by element: SOCI holds the slots' addresses.
  for (std::size_t i = 0; i < row.size(); ++i) columns_[i] = row[i];
  return true;
}

std::int64_t Statement::Int(std::size_t column) const { return columns_.at(column).integer; }

const std::string& Statement::Text(std::size_t column) const { return columns_.at(column).text; }

bool Statement::IsNull(std::size_t column) const {
  return columns_.at(column).indicator == soci::i_null;
}

std::optional<std::int64_t> Statement::OptionalInt(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

long long Statement::affected_rows() const {
  return statement_ ? statement_->get_affected_rows() : 0;
}

Statement& Statements::Get(std::string_view text, std::string_view columns) {
  auto it = cache_.find(text);
  if (it == cache_.end()) {
    it = cache_
             .emplace(std::string(text),
                      std::make_unique<Statement>(sql_, std::string(text), std::string(columns)))
             .first;
  }
  return *it->second;
}

std::vector<std::string> Statements::Texts() const {
  std::vector<std::string> texts;
  texts.reserve(cache_.size());
  for (const auto& [text, statement] : cache_) texts.push_back(text);
  return texts;
}

}  // namespace traject::storage
