// Prepared statements kept for the life of a session.
//
// Compiling SQL costs more than running most of traject's statements (a profile of the write
// path found 5.6 prepares per command and 37 % of import time in them), so every statement is
// prepared once and executed many times. SOCI binds a statement's parameters and result columns
// by reference when it is prepared; a Statement therefore owns the slots it is bound to, and
// each Run copies the new values into them.
//
// Contracts:
//   - A query is read to its end: Next() until it returns false, or One(). A SQLite statement
//     left half-read keeps its read transaction open, which would pin the connection to an old
//     snapshot after the write transaction commits.
//   - Every Run of one statement passes the same parameter types in the same order.
//   - Statements may only be created after the schema is migrated: PostgreSQL refuses a cached
//     plan whose result columns changed.
// Errors are soci::soci_error exceptions, as for any SOCI statement (storage/errors.h turns them
// into a Status without the SQL text or values).
#ifndef TRAJECT_STORAGE_STATEMENTS_H_
#define TRAJECT_STORAGE_STATEMENTS_H_

#include <soci/soci.h>

#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace traject::storage {

class Statement {
 public:
  // `columns`: the type of each result column, one letter each: 'i' a 64-bit integer, 't' text.
  // Any column may be NULL (IsNull).
  Statement(soci::session& sql, std::string text, std::string columns);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Executes with `params` bound in order to the statement's placeholders. A parameter is an
  // integer, text (std::string, std::string_view, const char*) or a std::optional of either
  // (NULL when empty). For a query, read the rows with Next() or One() afterwards.
  template <typename... Params>
  Statement& Run(const Params&... params) {
    std::size_t i = 0;
    const bool first = params_.empty();
    if (first) params_.resize(sizeof...(Params));
    (Set(params_[i++], params, first), ...);
    Execute();
    return *this;
  }

  // Moves to the next row; false past the last one (the statement is finished then).
  bool Next();
  // For a query of at most one row: reads it (true) or finds none (false), and finishes the
  // statement. Throws soci::soci_error when the query returns a second row.
  bool One();

  std::int64_t Int(std::size_t column) const;
  const std::string& Text(std::size_t column) const;
  bool IsNull(std::size_t column) const;
  std::optional<std::int64_t> OptionalInt(std::size_t column) const;

  // Rows changed by the last Run of an INSERT, UPDATE or DELETE.
  long long affected_rows() const;

 private:
  struct Slot {
    char type = 'i';  // 'i' or 't'
    long long integer = 0;
    std::string text;
    soci::indicator indicator = soci::i_ok;
  };

  template <std::integral T>
  static void Set(Slot& slot, T value, bool first) {
    Typed(slot, 'i', first);
    slot.integer = static_cast<long long>(value);
    slot.indicator = soci::i_ok;
  }
  static void Set(Slot& slot, std::string_view value, bool first) {
    Typed(slot, 't', first);
    slot.text.assign(value.data(), value.size());
    slot.indicator = soci::i_ok;
  }
  static void Set(Slot& slot, const std::string& value, bool first) {
    Set(slot, std::string_view(value), first);
  }
  static void Set(Slot& slot, const char* value, bool first) {
    Set(slot, std::string_view(value), first);
  }
  template <typename T>
  static void Set(Slot& slot, const std::optional<T>& value, bool first) {
    if (value) {
      Set(slot, *value, first);
    } else {
      Typed(slot, std::integral<T> ? 'i' : 't', first);
      slot.indicator = soci::i_null;
    }
  }
  // Records the slot's type on the first Run; later Runs must pass the same type.
  static void Typed(Slot& slot, char type, bool first);

  void Execute();

  soci::session& sql_;
  std::string text_;
  std::vector<Slot> columns_;  // never resized once bound: SOCI holds their addresses
  std::vector<Slot> params_;   // likewise, from the first Run
  std::unique_ptr<soci::statement> statement_;
  bool pending_row_ = false;  // the first row, fetched by Execute, not yet returned by Next
};

// The statements of one session, each prepared on first use. REQUIRES: destroyed before the
// session.
class Statements {
 public:
  explicit Statements(soci::session& sql) : sql_(sql) {}

  // The statement for `text`, prepared the first time; `columns` as in Statement. One text is
  // always asked for with the same `columns`.
  Statement& Get(std::string_view text, std::string_view columns = "");

  soci::session& session() { return sql_; }

  // How many statements are prepared, and their texts (for tests of their query plans).
  std::size_t size() const { return cache_.size(); }
  std::vector<std::string> Texts() const;

 private:
  // Looks up by string_view without building a std::string per lookup.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  soci::session& sql_;
  std::unordered_map<std::string, std::unique_ptr<Statement>, TextHash, std::equal_to<>> cache_;
};

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_STATEMENTS_H_
