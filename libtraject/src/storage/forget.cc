#include "storage/forget.h"

#include <fmt/format.h>

#include <type_traits>

#include "model/decide.h"
#include "storage/audit_chain.h"
#include "storage/record_rows.h"
#include "storage/recorder.h"
#include "util/digest.h"

namespace traject::storage {
namespace {

// A pseudonym is a valid reference that says what it is, with 64 random bits.
constexpr std::string_view kPseudonymPrefix = "forgotten-";

std::string Erased(const std::string& text) {
  return text.empty() ? text : std::string(kErasedText);
}

std::string NewPseudonym(Statements& sql, const std::string& org, int schema_version) {
  for (;;) {
    std::string pseudonym = std::string(kPseudonymPrefix) + digest::Hex(digest::RandomBytes(8));
    if (!LoadRecord(sql, org, pseudonym, schema_version).exists()) return pseudonym;
  }
}

}  // namespace

EventPayload ForgottenPayload(const EventPayload& payload, const std::string& pseudonym) {
  return std::visit(
      [&](auto event) -> EventPayload {
        using T = std::decay_t<decltype(event)>;
        if constexpr (requires { event.ref; }) event.ref = pseudonym;
        if constexpr (requires { event.reason; }) event.reason = Erased(event.reason);
        if constexpr (std::is_same_v<T, MilestoneReached>) {
          event.evidence = Erased(event.evidence);
        }
        if constexpr (std::is_same_v<T, MilestoneCorrected>) {
          if (event.evidence) event.evidence = Erased(*event.evidence);
        }
        if constexpr (std::is_same_v<T, ParticipantRegistered>) {
          event.bsn.clear();
          event.bsn_hash.clear();
        }
        return event;
      },
      payload);
}

Result<ForgetSummary> Forget(Statements& sql, const Dialect& dialect, EventSequence& sequence,
                             const ForgetRequest& request) {
  const std::string& org = request.org;
  const int version = request.schema_version;
  model::ParticipantRecord record = LoadRecord(sql, org, request.ref, version);
  if (!record.exists()) {
    return Status::NotFound(
               fmt::format("no participant '{}' in organisation '{}'", request.ref, org))
        .WithField("ref");
  }
  if (record.participant->value.forgotten) {
    return Status::Conflict(fmt::format("participant '{}' was forgotten already", request.ref))
        .WithField("ref");
  }
  const std::string pseudonym = NewPseudonym(sql, org, version);
  const std::string stream = model::ParticipantStream(pseudonym);

  // The rows as chained, and as rewritten.
  const std::vector<EventRow> original =
      StreamRows(sql, org, model::ParticipantStream(request.ref));
  std::vector<EventRow> rewritten = original;
  std::vector<Event> events;  // the rewritten stream, for the projections
  Statement& update = sql.Get(
      "UPDATE events SET stream = :stream, payload = :payload WHERE org = :org AND seq = :seq");
  for (EventRow& row : rewritten) {
    Result<EventPayload> payload = DecodePayload(row.kind, row.payload);
    if (!payload.ok()) return payload.status().WithContext(fmt::format("event {}", row.seq));
    EventPayload erased = ForgottenPayload(*payload, pseudonym);
    row.stream = stream;
    row.payload = EncodePayload(erased);
    update.Run(row.stream, row.payload, org, row.seq);
    events.push_back(Event{row.seq, org, stream, row.position, row.recorded_at, row.actor,
                           row.caused_by, std::move(erased)});
  }

  const std::int64_t seq = sequence.Take(1).front();
  const ParticipantForgotten forgotten{pseudonym, DateOfUnixMs(request.recorded_at_ms),
                                       static_cast<std::int64_t>(rewritten.size()),
                                       RewriteDigest(DigestsOf(rewritten))};
  events.push_back(Event{seq, org, stream, record.next_position, request.recorded_at_ms,
                         request.actor, std::nullopt, forgotten});
  AppendEvents(sql, dialect, version, {events.back()});
  KeepChainedDigests(sql, original, rewritten, seq);

  // The projections: the old rows go, the rewritten stream's come.
  DeleteRecordRows(sql, org, request.ref, version);
  Recorder recorder(sql, dialect, sequence, org, version, request.batch_records);
  for (const Event& event : events) recorder.Replay(event);
  recorder.Flush();
  return ForgetSummary{pseudonym, static_cast<std::int64_t>(rewritten.size()), seq};
}

}  // namespace traject::storage
