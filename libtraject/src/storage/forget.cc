#include "storage/forget.h"

#include <fmt/format.h>

#include "model/decide.h"
#include "storage/audit_chain.h"
#include "storage/audit_digest.h"
#include "storage/forgotten_refs.h"
#include "storage/key_fingerprints.h"
#include "storage/record_rows.h"
#include "storage/recorder.h"
#include "util/digest.h"

namespace traject::storage {
namespace {

// A pseudonym is a valid reference that says what it is, with 64 random bits: drawn, never
// derived from the reference.
constexpr std::string_view kPseudonymPrefix = "forgotten-";

std::string NewPseudonym(Statements& sql, const std::string& org, int schema_version) {
  for (;;) {
    std::string pseudonym = std::string(kPseudonymPrefix) + digest::Hex(digest::RandomBytes(8));
    if (!LoadRecord(sql, org, pseudonym, schema_version).exists()) return pseudonym;
  }
}

}  // namespace

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
  const int format = ChainFormatOf(version);

  // The rows as chained, and as rewritten: the personal part forgotten, the salt gone, every
  // other byte of meaning as it was.
  const std::vector<EventRow> original =
      StreamRows(sql, org, model::ParticipantStream(request.ref), format);
  std::vector<EventRow> rewritten = original;
  std::vector<Event> events;  // the rewritten stream, for the projections
  Statement& update = sql.Get(
      "UPDATE events SET stream = :stream, payload = :payload, audit_salt = '' WHERE org = :org "
      "AND seq = :seq");
  for (EventRow& row : rewritten) {
    Result<std::string> text = ForgottenPayloadText(row.payload, pseudonym);
    if (!text.ok()) return text.status().WithContext(fmt::format("event {}", row.seq));
    Result<EventPayload> payload = DecodePayload(row.kind, *text);
    if (!payload.ok()) return payload.status().WithContext(fmt::format("event {}", row.seq));
    row.stream = stream;
    row.payload = std::move(text).value();
    row.audit_salt.clear();
    update.Run(row.stream, row.payload, org, row.seq);
    events.push_back(Event{row.seq, org, stream, row.position, row.recorded_at, row.actor,
                           row.caused_by, std::move(payload).value()});
  }

  const std::int64_t seq = sequence.Take(1).front();
  const std::string digest = ForgetDigest(KeepCommitments(sql, original, rewritten, seq));
  const ParticipantForgotten forgotten{pseudonym, DateOfUnixMs(request.recorded_at_ms),
                                       static_cast<std::int64_t>(rewritten.size()), digest,
                                       ForgetMac(request.audit_key, org, seq, pseudonym, digest)};
  events.push_back(Event{seq, org, stream, record.next_position, request.recorded_at_ms,
                         request.actor, std::nullopt, forgotten});
  AppendEvents(sql, dialect, version, {events.back()});
  RememberForgotten(sql, ForgottenRow{org, ForgottenRefMac(request.audit_key, org, request.ref),
                                      request.recorded_at_ms});
  RecordKeyFingerprint(sql, org, kAuditKeyPurpose, request.audit_key);

  // The projections: the old rows go, the rewritten stream's come.
  DeleteRecordRows(sql, org, request.ref, version);
  Recorder recorder(sql, dialect, sequence, org, version, request.batch_records);
  for (const Event& event : events) recorder.Replay(event);
  recorder.Flush();
  return ForgetSummary{pseudonym, static_cast<std::int64_t>(rewritten.size()), seq};
}

}  // namespace traject::storage
