#include "storage/event_log.h"

#include <fmt/format.h>

#include <algorithm>

#include "storage/audit_chain.h"
#include "storage/audit_digest.h"
#include "storage/pg_copy.h"

namespace traject::storage {
namespace {

// From how many events an append on PostgreSQL streams them with COPY rather than INSERTs: a
// COPY costs a round trip or two more to start and end.
constexpr std::size_t kCopyFrom = 16;

}  // namespace

std::vector<std::int64_t> EventSequence::Take(std::size_t count) {
  std::vector<std::int64_t> seqs;
  if (!dialect_.SeqsFromSequence()) {
    if (last_ < 0) {
      Statement& s = sql_.Get("SELECT COALESCE(MAX(seq), 0) FROM events", "i");
      s.Run().One();
      last_ = s.Int(0);
    }
    for (std::size_t i = 0; i < count; ++i) seqs.push_back(++last_);
    return seqs;
  }
  if (taken_.size() < count) {
    const std::size_t wanted = std::max(count - taken_.size(), block_);
    block_ = std::min<std::size_t>(block_ * 2, 1024);
    Statement& s = sql_.Get(dialect_.ReserveSeqsSql(), "i");
    s.Run(static_cast<long long>(wanted));
    std::vector<std::int64_t> reserved;
    while (s.Next()) reserved.push_back(s.Int(0));
    std::sort(reserved.begin(), reserved.end());
    taken_.insert(taken_.end(), reserved.begin(), reserved.end());
  }
  for (std::size_t i = 0; i < count; ++i) {
    seqs.push_back(taken_.front());
    taken_.pop_front();
  }
  return seqs;
}

void AppendEvents(Statements& sql, const Dialect& dialect, int schema_version,
                  const std::vector<Event>& events) {
  if (events.empty()) return;
  const int format = ChainFormatOf(schema_version);
  AuditLinker linker(sql, format);
  std::vector<EventRow> rows;
  rows.reserve(events.size());
  for (const Event& e : events) {
    EventRow& row = rows.emplace_back();
    row.seq = e.seq;
    row.org = e.org;
    row.stream = e.stream;
    row.position = e.position;
    row.kind = KindOf(e.payload);
    row.effective = ToDays(EffectiveDate(e.payload));
    row.recorded_at = e.recorded_at_ms;
    row.actor = e.actor;
    row.caused_by = e.caused_by;
    row.payload = EncodePayload(e.payload);
    if (format > 0) linker.Link(row);
  }
  if (format > 0) linker.SaveHeads();
  InsertEventRows(sql, dialect, rows, format);
}

std::int64_t LastRecordedAt(Statements& sql, int schema_version, const std::string& org) {
  if (schema_version < kAuditChainSchema) return 0;
  Statement& s = sql.Get(
      "SELECT e.recorded_at FROM audit_heads h JOIN events e ON e.org = h.org AND e.seq = h.seq "
      "WHERE h.org = :org",
      "i");
  return s.Run(org).One() ? s.Int(0) : 0;
}

void InsertEventRows(Statements& sql, const Dialect& dialect, const std::vector<EventRow>& rows,
                     int format) {
  if (rows.empty()) return;
  // Before the chain's schema (a store opened at an older version) the rows have no links;
  // before its format 2, no salts.
  const bool chained = format > 0, salted = format >= 2;
  std::string columns =
      "seq, org, stream, position, kind, effective, recorded_at, actor, caused_by, payload";
  if (chained) columns += ", audit_prev, audit_link";
  if (salted) columns += ", audit_salt";
  if (dialect.BulkCopy() && rows.size() >= kCopyFrom) {
    CopyText copy;
    for (const EventRow& row : rows) {
      copy.Add(row.seq);
      copy.Add(row.org);
      copy.Add(row.stream);
      copy.Add(row.position);
      copy.Add(row.kind);
      copy.Add(row.effective);
      copy.Add(row.recorded_at);
      copy.Add(row.actor);
      copy.Add(row.caused_by);
      copy.Add(row.payload);
      if (chained) {
        copy.Add(row.audit_prev);
        copy.Add(row.audit_link);
      }
      if (salted) copy.Add(row.audit_salt);
      copy.EndRow();
    }
    CopyIn(sql.session(), "events", columns, copy);
    return;
  }
  Statement& insert = sql.Get(fmt::format(
      "INSERT INTO events ({}) VALUES (:seq, :org, :stream, :position, :kind, :effective, "
      ":recorded_at, :actor, :caused_by, :payload{})",
      columns,
      salted ? ", :audit_prev, :audit_link, :audit_salt"
             : (chained ? ", :audit_prev, :audit_link" : "")));
  for (const EventRow& row : rows) {
    if (salted) {
      insert.Run(row.seq, row.org, row.stream, row.position, row.kind, row.effective,
                 row.recorded_at, row.actor, row.caused_by, row.payload, row.audit_prev,
                 row.audit_link, row.audit_salt);
    } else if (chained) {
      insert.Run(row.seq, row.org, row.stream, row.position, row.kind, row.effective,
                 row.recorded_at, row.actor, row.caused_by, row.payload, row.audit_prev,
                 row.audit_link);
    } else {
      insert.Run(row.seq, row.org, row.stream, row.position, row.kind, row.effective,
                 row.recorded_at, row.actor, row.caused_by, row.payload);
    }
  }
}

namespace {

// The columns of an event read into, and the events they make.
struct EventColumns {
  static constexpr const char* kSelect =
      "SELECT seq, org, stream, position, kind, recorded_at, actor, caused_by, payload FROM "
      "events ";
  long long seq = 0, position = 0, recorded_at = 0, caused_by = 0;
  soci::indicator caused_by_indicator = soci::i_null;
  std::string org, stream, kind, actor, payload;

  template <typename Prepared>
  Prepared& Into(Prepared& prepared) {
    prepared, soci::into(seq), soci::into(org), soci::into(stream), soci::into(position),
        soci::into(kind), soci::into(recorded_at), soci::into(actor),
        soci::into(caused_by, caused_by_indicator), soci::into(payload);
    return prepared;
  }

  Status VisitAll(soci::statement& statement, const std::function<Status(const Event&)>& visit) {
    statement.execute();
    while (statement.fetch()) {
      Result<EventPayload> decoded = DecodePayload(kind, payload);
      if (!decoded.ok()) return decoded.status().WithContext(fmt::format("event {}", seq));
      Event event{
          seq,
          org,
          stream,
          position,
          recorded_at,
          actor,
          caused_by_indicator == soci::i_ok ? std::optional<std::int64_t>(caused_by) : std::nullopt,
          std::move(decoded).value()};
      if (Status status = visit(event); !status.ok()) return status;
    }
    return Status::OK();
  }
};

}  // namespace

Status ForEach(soci::session& sql, const std::string& org,
               const std::function<Status(const Event&)>& visit) {
  EventColumns columns;
  auto prepared =
      (sql.prepare << EventColumns::kSelect << "WHERE (:org = '' OR org = :org2) ORDER BY seq",
       soci::use(org), soci::use(org));
  soci::statement statement = columns.Into(prepared);
  return columns.VisitAll(statement, visit);
}

Status ForEachOfStream(soci::session& sql, const std::string& org, const std::string& stream,
                       const std::function<Status(const Event&)>& visit) {
  EventColumns columns;
  auto prepared = (sql.prepare << EventColumns::kSelect
                               << "WHERE org = :org AND stream = :stream ORDER BY position",
                   soci::use(org), soci::use(stream));
  soci::statement statement = columns.Into(prepared);
  return columns.VisitAll(statement, visit);
}

}  // namespace traject::storage
