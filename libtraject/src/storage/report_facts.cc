#include "storage/report_facts.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <numeric>
#include <type_traits>

#include "storage/dialect.h"
#include "traject/milestones.h"

namespace traject::storage {
namespace {

// Row index by id. The store hands out ids 1, 2, 3...: a vector indexed by id then, a hash map
// for ids too sparse for one (imported or hand-picked ones).
class IdIndex {
 public:
  IdIndex() = default;
  explicit IdIndex(const std::vector<std::int64_t>& ids) {
    std::int64_t largest = 0;
    bool positive = true;
    for (std::int64_t id : ids) {
      largest = std::max(largest, id);
      positive = positive && id > 0;
    }
    dense_ = positive && largest <= 4 * static_cast<std::int64_t>(ids.size()) + 1024;
    if (dense_) {
      by_id_.assign(static_cast<std::size_t>(largest) + 1, -1);
      for (std::size_t i = 0; i < ids.size(); ++i) {
        by_id_[static_cast<std::size_t>(ids[i])] = static_cast<std::int32_t>(i);
      }
    } else {
      for (std::size_t i = 0; i < ids.size(); ++i) sparse_[ids[i]] = static_cast<std::int32_t>(i);
    }
  }

  std::optional<std::int32_t> Find(std::int64_t id) const {
    if (dense_) {
      if (id < 0 || id >= static_cast<std::int64_t>(by_id_.size())) return std::nullopt;
      const std::int32_t i = by_id_[static_cast<std::size_t>(id)];
      return i < 0 ? std::nullopt : std::optional<std::int32_t>(i);
    }
    auto it = sparse_.find(id);
    return it == sparse_.end() ? std::nullopt : std::optional<std::int32_t>(it->second);
  }

 private:
  bool dense_ = true;
  std::vector<std::int32_t> by_id_;
  std::unordered_map<std::int64_t, std::int32_t> sparse_;
};

class Loader {
 public:
  Loader(Statements& sql, const std::string& org, const FactParts& parts, Day as_of)
      : sql_(sql), org_(org), dialect_(DialectOf(sql.session())) {
    f_.as_of = as_of;
    f_.parts = parts;
  }

  ReportFacts Load() {
    const FactParts& parts = f_.parts;
    // A scope of trajectories or placements reads its trajectories first: their participants'
    // refs then scope the parts per participant.
    const bool trajectories_first =
        parts.scope != FactScope::kEveryone && parts.scope != FactScope::kMovedIn;
    if (parts.scope != FactScope::kEveryone) ReadScope();
    if (parts.running_placements && !running_counted_) RunningPlacements();
    if (trajectories_first) {
      Trajectories();
      std::vector<std::string> refs;
      refs.reserve(f_.people.size());
      for (const FactPerson& p : f_.people) refs.push_back(p.ref);
      scope_refs_ = JsonArray(std::move(refs));
    }
    if (parts.people) People();
    if (parts.contacts) Contacts();
    if (parts.assignments) Assignments();
    if (parts.trajectories || parts.history || parts.milestones || parts.placements) {
      if (!trajectories_first) Trajectories();
      if (parts.history) History();
      if (parts.milestones) Milestones();
      if (parts.placements) Placements();
    }
    f_.assignments_of = Offsets(f_.assignments, [](const FactAssignment& a) { return a.person; });
    f_.trajectories_of = Offsets(f_.trajectories, [](const FactTrajectory& t) { return t.person; });
    return std::move(f_);
  }

 private:
  NameId Intern(const std::string& text) {
    auto [it, added] = f_.name_ids.try_emplace(text, static_cast<NameId>(f_.names.size()));
    if (added) f_.names.push_back(text);
    return it->second;
  }

  // Every part but the placements is read in ref order, the order of `people` when the people
  // part was read first: the person is then at the cursor or a few places after it (a merge
  // join). While `people` stays in ref order a new ref is appended or found by binary search;
  // the hash map is built only when a ref arrives out of order (a backend that sorts refs by
  // another collation). Hashing 400,000 refs per part was a quarter of a report.
  std::int32_t Person(const std::string& ref) {
    std::vector<FactPerson>& people = f_.people;
    const auto size = static_cast<std::int32_t>(people.size());
    for (std::int32_t i = cursor_, end = std::min(size, cursor_ + 64); i < end; ++i) {
      const int order = people[static_cast<std::size_t>(i)].ref.compare(ref);
      if (order == 0) return cursor_ = i;
      if (order > 0) break;
    }
    if (in_ref_order_) {
      if (size == 0 || people.back().ref < ref) {
        people.push_back(FactPerson{.ref = ref});
        return cursor_ = size;
      }
      auto it =
          std::lower_bound(people.begin(), people.end(), ref,
                           [](const FactPerson& p, const std::string& r) { return p.ref < r; });
      if (it != people.end() && it->ref == ref) {
        return cursor_ = static_cast<std::int32_t>(it - people.begin());
      }
      in_ref_order_ = false;
      for (std::int32_t i = 0; i < size; ++i) {
        person_ids_.emplace(people[static_cast<std::size_t>(i)].ref, i);
      }
    }
    auto [it, added] = person_ids_.try_emplace(ref, size);
    if (added) people.push_back(FactPerson{.ref = ref});
    return cursor_ = it->second;
  }

  // The scope (FactScope), read once before the parts, as JSON arrays of sorted keys that the
  // parts' queries take as one parameter: the placements' and their trajectories' ids, or the
  // participants' refs (a scope of trajectories is the trajectories part's own condition).
  // Evaluating the scope once instead of as a subquery of each part halved a scoped report's
  // queries at national size.
  void ReadScope() {
    if (f_.parts.scope == FactScope::kMovedIn) {
      // Exits (uitgestroomd) and returns (terugval) dated in the window, and placement starts.
      Statement& s = sql_.Get(
          fmt::format("SELECT ref FROM trajectories WHERE org = :org AND id IN (SELECT trajectory "
                      "FROM state_changes WHERE org = :org2 AND to_state IN ({}, {}) AND date "
                      "BETWEEN :from AND :to UNION ALL SELECT trajectory FROM placements WHERE "
                      "org = :org3 AND start BETWEEN :from2 AND :to2)",
                      static_cast<int>(TrajectoryState::kUitgestroomd),
                      static_cast<int>(TrajectoryState::kTerugval)),
          "t");
      const Day from = f_.parts.window_from, to = std::min(f_.parts.window_to, f_.as_of);
      s.Run(org_, org_, from, to, org_, from, to);
      std::vector<std::string> refs;
      while (s.Next()) refs.push_back(s.Text(0));
      scope_refs_ = JsonArray(std::move(refs));
    } else if (ByPlacement()) {
      // Every placement running on the day (or some day since the window's first), and
      // whether it was assessed by then: one scan gives the scope and the running_placements
      // count.
      const bool placed_in = f_.parts.scope == FactScope::kPlacedIn;
      Statement& s = sql_.Get(
          "SELECT id, trajectory, EXISTS (SELECT 1 FROM loonwaarde l WHERE l.org = p.org AND "
          "l.placement = p.id AND l.date <= :as_of) FROM placements p WHERE p.org = :org AND "
          "p.start <= :as_of2 AND (p.end_date IS NULL OR p.end_date >= :since)",
          "iii");
      s.Run(f_.as_of, org_, f_.as_of,
            placed_in ? std::min(f_.parts.window_from, f_.as_of) : f_.as_of);
      const bool unassessed = f_.parts.scope == FactScope::kUnassessedOn;
      std::vector<std::int64_t> trajectories, placements;
      std::int64_t running = 0;
      while (s.Next()) {
        running += 1;
        if (unassessed && s.Int(2) != 0) continue;
        placements.push_back(s.Int(0));
        trajectories.push_back(s.Int(1));
      }
      if (f_.parts.running_placements && !placed_in) {
        f_.running_placements = running;
        running_counted_ = true;
      }
      scope_trajectories_ = JsonArray(std::move(trajectories));
      scope_placements_ = JsonArray(std::move(placements));
    }
  }

  // `values` sorted and unique, as a JSON array (rapidjson escapes the text).
  template <typename T>
  static std::string JsonArray(std::vector<T> values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
    json.StartArray();
    for (const T& value : values) {
      if constexpr (std::is_integral_v<T>) {
        json.Int64(value);
      } else {
        json.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
      }
    }
    json.EndArray();
    return std::string(buffer.GetString(), buffer.GetSize());
  }

  // What a part's rows are keyed by, for the scope's condition on them.
  enum class Keyed {
    kRef,           // a participant's ref
    kTrajectoryId,  // the trajectories table's own id
    kTrajectory,    // a trajectory id
    kPlacementRow,  // a row of the placements table (its id and trajectory)
    kPlacement,     // a placement id
  };

  // The scope's condition on one part, to append to its WHERE clause, with its one parameter
  // (after the part's own): a JSON array, or the as-of day.
  struct Condition {
    std::string sql = {};
    const std::string* list = nullptr;
    bool day = false;
    bool none = false;  // the scope rules out every row of the part: it is not read
  };

  bool ByPlacement() const {
    const FactScope scope = f_.parts.scope;
    return scope == FactScope::kPlacedOn || scope == FactScope::kPlacedIn ||
           scope == FactScope::kUnassessedOn;
  }

  // `column IN` the values of a JSON array parameter, text or integers.
  std::string InList(const char* column, bool text) const {
    return dialect_.InJsonArray(column, "scope", text);
  }

  // Each part after the trajectories takes the ids of the trajectories (or placements) read:
  // those of the scope, or for a scope of participants all of theirs.
  Condition InScope(Keyed keyed) const {
    const FactScope scope = f_.parts.scope;
    if (scope == FactScope::kEveryone) return {};
    switch (keyed) {
      case Keyed::kRef:
        return {InList("ref", true), &scope_refs_};
      case Keyed::kTrajectoryId:
        if (scope == FactScope::kMovedIn) return {InList("ref", true), &scope_refs_};
        if (scope == FactScope::kMaybeOpenOn) {
          // A trajectory's history is in date order (the library keeps it so), so its latest
          // state change is dated state_since: one is dated after the day exactly when
          // state_since is. A subquery on state_changes here cost three times the scan.
          std::vector<int> closed;
          for (TrajectoryState state : kAllTrajectoryStates) {
            if (IsClosed(state)) closed.push_back(static_cast<int>(state));
          }
          return {fmt::format(" AND (state NOT IN ({}) OR state_since > :scope_day)",
                              fmt::join(closed, ", ")),
                  nullptr, true};
        }
        return {InList("id", false), &scope_trajectories_};
      case Keyed::kTrajectory:
        return {InList("trajectory", false), &loaded_trajectories_};
      case Keyed::kPlacementRow:
        if (ByPlacement()) return {InList("id", false), &scope_placements_};
        return {InList("trajectory", false), &loaded_trajectories_};
      case Keyed::kPlacement:
        if (scope == FactScope::kUnassessedOn) return {.none = true};  // none by the day
        return {InList("placement", false), &loaded_placements_};
    }
    return {};
  }

  // Runs a part's statement with its own parameters, then the scope's list (if any).
  template <typename... Own>
  void Run(Statement& s, const Condition& scope, const Own&... own) {
    if (scope.list) {
      s.Run(own..., *scope.list);
    } else if (scope.day) {
      s.Run(own..., f_.as_of);
    } else {
      s.Run(own...);
    }
  }

  Day D(std::int64_t days) const { return static_cast<Day>(days); }
  std::optional<Day> OptionalDay(const Statement& s, std::size_t column) const {
    if (s.IsNull(column)) return std::nullopt;
    return D(s.Int(column));
  }

  void People() {
    const Condition scope = InScope(Keyed::kRef);
    Statement& s = sql_.Get(
        "SELECT ref, area, cohort, groups, birth, registered FROM participants WHERE org = :org "
        "AND registered <= :as_of" +
            scope.sql + " ORDER BY ref",
        "tttiii");
    Run(s, scope, org_, f_.as_of);
    while (s.Next()) {
      FactPerson& p = f_.people[static_cast<std::size_t>(Person(s.Text(0)))];
      p.known = true;
      if (!s.Text(1).empty()) p.area = Intern(s.Text(1));
      if (!s.Text(2).empty()) p.cohort = Intern(s.Text(2));
      p.groups = static_cast<std::uint8_t>(s.Int(3));
      p.birth = OptionalDay(s, 4);
      p.registered = D(s.Int(5));
    }
  }

  void RunningPlacements() {
    Statement& s = sql_.Get(
        "SELECT COUNT(*) FROM placements WHERE org = :org AND start <= :as_of AND (end_date IS "
        "NULL OR end_date >= :as_of2)",
        "i");
    s.Run(org_, f_.as_of, f_.as_of);
    while (s.Next()) f_.running_placements = s.Int(0);
  }

  // One row per participant: SQL does the summary, so 40 check-ins cost the scan, not 40 rows.
  void Contacts() {
    const Condition scope = InScope(Keyed::kRef);
    Statement& s = sql_.Get(
        "SELECT ref, MIN(CASE WHEN kind = 'invited' THEN date END), MIN(CASE WHEN kind = "
        "'conversation' THEN date END), MAX(CASE WHEN kind = 'conversation' OR kind = "
        "'home-visit' THEN date END) FROM contacts WHERE org = :org AND date <= :as_of" +
            scope.sql + " GROUP BY ref ORDER BY ref",
        "tiii");
    Run(s, scope, org_, f_.as_of);
    while (s.Next()) {
      FactPerson& p = f_.people[static_cast<std::size_t>(Person(s.Text(0)))];
      p.invited = OptionalDay(s, 1);
      p.spoken = OptionalDay(s, 2);
      p.last_seen = OptionalDay(s, 3);
    }
  }

  void Assignments() {
    const Condition scope = InScope(Keyed::kRef);
    Statement& s = sql_.Get(
        "SELECT ref, role, name, start, until FROM assignments WHERE org = :org AND start <= "
        ":as_of" +
            scope.sql + " ORDER BY ref, seq",
        "tttii");
    Run(s, scope, org_, f_.as_of);
    while (s.Next()) {
      FactAssignment a;
      a.person = Person(s.Text(0));
      a.role = s.Text(1) == ToString(CaseworkerRole::kJobhunter) ? CaseworkerRole::kJobhunter
                                                                 : CaseworkerRole::kKlantmanager;
      a.name = Intern(s.Text(2));
      a.from = D(s.Int(3));
      if (std::optional<Day> until = OptionalDay(s, 4); until && *until <= f_.as_of) {
        a.until = until;
      }
      f_.assignments.push_back(a);
    }
    std::stable_sort(f_.assignments.begin(), f_.assignments.end(),
                     [](const FactAssignment& a, const FactAssignment& b) {
                       return a.person != b.person ? a.person < b.person : a.from < b.from;
                     });
  }

  void Trajectories() {
    const Condition scope = InScope(Keyed::kTrajectoryId);
    Statement& s = sql_.Get(
        "SELECT id, ref, programme, track, started, exit_reason FROM trajectories WHERE org = "
        ":org AND started <= :as_of" +
            scope.sql + " ORDER BY ref",
        "itttit");
    Run(s, scope, org_, f_.as_of);
    std::vector<std::optional<ExitReason>> exit_reasons;
    while (s.Next()) {
      FactTrajectory t;
      t.id = s.Int(0);
      t.person = Person(s.Text(1));
      t.programme = Intern(s.Text(2));
      t.track = Intern(s.Text(3));
      t.started = D(s.Int(4));
      if (!s.IsNull(5)) {
        Result<ExitReason> reason = ParseExitReason(s.Text(5));
        if (reason.ok()) t.exit_reason = *reason;
      }
      f_.trajectories.push_back(t);
    }
    std::sort(f_.trajectories.begin(), f_.trajectories.end(),
              [](const FactTrajectory& a, const FactTrajectory& b) {
                return a.person != b.person ? a.person < b.person : a.id < b.id;
              });
    std::vector<std::int64_t> ids;
    ids.reserve(f_.trajectories.size());
    for (const FactTrajectory& t : f_.trajectories) ids.push_back(t.id);
    trajectory_index_ = IdIndex(ids);
    if (f_.parts.scope != FactScope::kEveryone) loaded_trajectories_ = JsonArray(ids);
  }

  std::optional<std::int32_t> TrajectoryIndex(std::int64_t id) const {
    return trajectory_index_.Find(id);  // empty: started after the as-of day
  }

  // Groups `rows` (each with the index of its trajectory) by trajectory in trajectory order,
  // keeping their order within one, and sets each trajectory's [begin, end) into `out`.
  template <typename Row, typename Begin, typename End>
  void ByTrajectory(std::vector<std::pair<std::int32_t, Row>>& rows, std::vector<Row>& out,
                    Begin begin, End end) {
    const auto by_trajectory = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(rows.begin(), rows.end(), by_trajectory)) {
      std::stable_sort(rows.begin(), rows.end(), by_trajectory);
    }
    out.reserve(rows.size());
    std::size_t i = 0;
    for (std::size_t t = 0; t < f_.trajectories.size(); ++t) {
      f_.trajectories[t].*begin = static_cast<std::uint32_t>(out.size());
      for (; i < rows.size() && rows[i].first == static_cast<std::int32_t>(t); ++i) {
        out.push_back(std::move(rows[i].second));
      }
      f_.trajectories[t].*end = static_cast<std::uint32_t>(out.size());
    }
  }

  void History() {
    const Condition scope = InScope(Keyed::kTrajectory);
    Statement& s = sql_.Get(
        "SELECT trajectory, to_state, date, seq FROM state_changes WHERE org = :org AND date <= "
        ":as_of" +
            scope.sql + " ORDER BY trajectory, seq",
        "iiii");
    Run(s, scope, org_, f_.as_of);
    std::vector<std::pair<std::int32_t, FactTransition>> rows;
    while (s.Next()) {
      std::optional<std::int32_t> t = TrajectoryIndex(s.Int(0));
      if (!t) continue;
      rows.push_back(
          {*t, FactTransition{static_cast<TrajectoryState>(s.Int(1)), D(s.Int(2)), s.Int(3)}});
    }
    ByTrajectory(rows, f_.transitions, &FactTrajectory::history_begin,
                 &FactTrajectory::history_end);
    // The exit reason is known once the exit is.
    for (FactTrajectory& t : f_.trajectories) {
      bool exited = false;
      for (std::uint32_t i = t.history_begin; i < t.history_end; ++i) {
        exited = exited || f_.transitions[i].to == TrajectoryState::kUitgestroomd;
      }
      if (!exited) t.exit_reason.reset();
    }
  }

  void Milestones() {
    const Condition scope = InScope(Keyed::kTrajectory);
    Statement& s =
        sql_.Get(std::string("SELECT trajectory, milestone, reached, ") +
                     (f_.parts.evidence ? "evidence" : "''") +
                     " FROM milestones WHERE org = :org AND reached <= :as_of" + scope.sql,
                 "itit");
    Run(s, scope, org_, f_.as_of);
    // The evidence text stays where it was read; the rows sorted refer to it.
    struct Reached {
      FactMilestone milestone;
      std::uint32_t evidence = 0;  // into `evidence`
    };
    std::vector<std::pair<std::int32_t, Reached>> rows;
    std::vector<std::string> evidence;
    while (s.Next()) {
      std::optional<std::int32_t> t = TrajectoryIndex(s.Int(0));
      if (!t) continue;
      rows.push_back({*t, Reached{FactMilestone{Intern(s.Text(1)), D(s.Int(2))},
                                  static_cast<std::uint32_t>(evidence.size())}});
      if (f_.parts.evidence) evidence.push_back(s.Text(3));
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first
                                : a.second.milestone.reached < b.second.milestone.reached;
    });
    std::vector<Reached> ordered;
    ByTrajectory(rows, ordered, &FactTrajectory::milestones_begin, &FactTrajectory::milestones_end);
    f_.milestones.reserve(ordered.size());
    for (Reached& r : ordered) {
      f_.milestones.push_back(r.milestone);
      if (f_.parts.evidence) f_.evidence.push_back(std::move(evidence[r.evidence]));
    }
  }

  void Placements() {
    const Condition scope = InScope(Keyed::kPlacementRow);
    Statement& s = sql_.Get(
        "SELECT id, trajectory, employer, centihours, wage_cents, start, end_date FROM placements "
        "WHERE org = :org AND start <= :as_of" +
            scope.sql,
        "iitiiii");
    Run(s, scope, org_, f_.as_of);
    std::vector<std::pair<std::int32_t, FactPlacement>> rows;
    while (s.Next()) {
      std::optional<std::int32_t> t = TrajectoryIndex(s.Int(1));
      if (!t) continue;
      FactPlacement p;
      p.id = s.Int(0);
      p.trajectory = *t;
      p.person = f_.trajectories[static_cast<std::size_t>(*t)].person;
      p.employer = Intern(s.Text(2));
      p.centihours = s.Int(3);
      p.wage = s.Int(4);
      p.start = D(s.Int(5));
      if (std::optional<Day> end = OptionalDay(s, 6); end && *end <= f_.as_of) p.end = end;
      rows.push_back({*t, p});
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second.id < b.second.id;
    });
    ByTrajectory(rows, f_.placements, &FactTrajectory::placements_begin,
                 &FactTrajectory::placements_end);

    std::vector<std::int64_t> ids;
    ids.reserve(f_.placements.size());
    for (const FactPlacement& p : f_.placements) ids.push_back(p.id);
    const IdIndex placement_index(ids);
    if (f_.parts.scope != FactScope::kEveryone) loaded_placements_ = JsonArray(ids);
    std::vector<std::pair<std::size_t, FactAssessment>> assessments;
    if (const Condition assessed = InScope(Keyed::kPlacement); !assessed.none) {
      Statement& a = sql_.Get(
          "SELECT placement, date, percent FROM loonwaarde WHERE org = :org AND date <= :as_of" +
              assessed.sql,
          "iii");
      Run(a, assessed, org_, f_.as_of);
      while (a.Next()) {
        const std::optional<std::int32_t> p = placement_index.Find(a.Int(0));
        if (!p) continue;
        assessments.push_back({static_cast<std::size_t>(*p),
                               FactAssessment{D(a.Int(1)), static_cast<int>(a.Int(2))}});
      }
    }
    std::sort(assessments.begin(), assessments.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first < y.first : x.second.date < y.second.date;
    });
    f_.assessments.reserve(assessments.size());
    std::size_t i = 0;
    for (std::size_t p = 0; p < f_.placements.size(); ++p) {
      f_.placements[p].assessments_begin = static_cast<std::uint32_t>(f_.assessments.size());
      for (; i < assessments.size() && assessments[i].first == p; ++i) {
        f_.assessments.push_back(assessments[i].second);
      }
      f_.placements[p].assessments_end = static_cast<std::uint32_t>(f_.assessments.size());
    }
  }

  // Offsets of each person's rows in `rows` (ordered by person): person i's are
  // [offsets[i], offsets[i + 1]).
  template <typename Row, typename PersonOf>
  std::vector<std::uint32_t> Offsets(const std::vector<Row>& rows, PersonOf person_of) const {
    std::vector<std::uint32_t> offsets(f_.people.size() + 1, 0);
    for (const Row& row : rows) ++offsets[static_cast<std::size_t>(person_of(row)) + 1];
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    return offsets;
  }

  Statements& sql_;
  const std::string& org_;
  ReportFacts f_;
  IdIndex trajectory_index_;
  std::int32_t cursor_ = 0;
  const Dialect dialect_;
  std::string scope_refs_, scope_trajectories_, scope_placements_;  // JSON arrays (ReadScope)
  std::string loaded_trajectories_, loaded_placements_;             // likewise, of those read
  bool running_counted_ = false;                                    // by ReadScope
  bool in_ref_order_ = true;                                  // `people` is ordered by ref (Person)
  std::unordered_map<std::string, std::int32_t> person_ids_;  // built once it is not
};

}  // namespace

NameId ReportFacts::FindName(std::string_view text) const {
  auto it = name_ids.find(std::string(text));
  return it == name_ids.end() ? -1 : it->second;
}

ReportFacts LoadReportFacts(Statements& sql, const std::string& org, const FactParts& parts,
                            Day as_of) {
  return Loader(sql, org, parts, as_of).Load();
}

}  // namespace traject::storage
