#include "storage/event_log.h"

#include <fmt/format.h>

namespace traject::storage {

Event Append(soci::session& sql, NewEvent event) {
  long long position = -1;
  sql << "SELECT COALESCE(MAX(position), -1) FROM events WHERE org = :org AND stream = :stream",
      soci::use(event.org), soci::use(event.stream), soci::into(position);
  position += 1;
  const std::string kind(KindOf(event.payload));
  const long long effective = ToDays(EffectiveDate(event.payload));
  const long long recorded_at = event.recorded_at_ms;
  const std::string payload = EncodePayload(event.payload);
  long long caused_by = event.caused_by.value_or(0);
  soci::indicator caused_by_indicator = event.caused_by ? soci::i_ok : soci::i_null;
  long long seq = 0;
  sql << "INSERT INTO events (org, stream, position, kind, effective, recorded_at, actor, "
         "caused_by, payload) VALUES (:org, :stream, :position, :kind, :effective, :recorded_at, "
         ":actor, :caused_by, :payload) RETURNING seq",
      soci::use(event.org), soci::use(event.stream), soci::use(position), soci::use(kind),
      soci::use(effective), soci::use(recorded_at), soci::use(event.actor),
      soci::use(caused_by, caused_by_indicator), soci::use(payload), soci::into(seq);
  return Event{seq,
               std::move(event.org),
               std::move(event.stream),
               position,
               event.recorded_at_ms,
               std::move(event.actor),
               event.caused_by,
               std::move(event.payload)};
}

Status ForEach(soci::session& sql, const std::string& org,
               const std::function<Status(const Event&)>& visit) {
  long long seq = 0, position = 0, recorded_at = 0, caused_by = 0;
  soci::indicator caused_by_indicator = soci::i_null;
  std::string event_org, stream, kind, actor, payload;
  soci::statement statement =
      (sql.prepare << "SELECT seq, org, stream, position, kind, recorded_at, actor, caused_by, "
                      "payload FROM events WHERE (:org = '' OR org = :org2) ORDER BY seq",
       soci::use(org), soci::use(org), soci::into(seq), soci::into(event_org), soci::into(stream),
       soci::into(position), soci::into(kind), soci::into(recorded_at), soci::into(actor),
       soci::into(caused_by, caused_by_indicator), soci::into(payload));
  statement.execute();
  while (statement.fetch()) {
    Result<EventPayload> decoded = DecodePayload(kind, payload);
    if (!decoded.ok()) return decoded.status().WithContext(fmt::format("event {}", seq));
    Event event{
        seq,
        event_org,
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

}  // namespace traject::storage
