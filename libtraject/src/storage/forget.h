// Forgetting a participant (Store::ForgetParticipant, docs/security.md "Forgetting a
// participant"): a tombstone rewrite of their events and projections, inside the caller's write
// transaction.
//
// Every event of the participant's stream is rewritten in place: the stream and every `ref`
// become a pseudonym drawn at random (no table links it to the old reference), the BSN hash and
// every free-text note (reasons, evidence) are erased, and every other field stays, so that
// aggregate reports count them as before. The rewritten rows keep their seq, position, record
// time and actor, and lose their salt. A participant.forgotten event, authenticated with the
// audit key, closes the stream; the audit chain keeps the salted commitments to the rows'
// personal parts (storage/audit_digest.h), so it still verifies and confirms no guess of what
// was erased; forgotten_refs keeps a keyed hash of the reference (storage/forgotten_refs.h).
// The participant's projection rows are replaced by those of the rewritten stream.
#ifndef TRAJECT_STORAGE_FORGET_H_
#define TRAJECT_STORAGE_FORGET_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/dialect.h"
#include "storage/event_log.h"
#include "storage/statements.h"
#include "traject/participant_rights.h"
#include "traject/status.h"

namespace traject::storage {

// What a forget is made of: who, by whom, when.
struct ForgetRequest {
  std::string org;
  std::string ref;
  std::string actor;
  std::int64_t recorded_at_ms = 0;
  int schema_version = 0;  // REQUIRES: >= kSaltedChainSchema
  std::size_t batch_records = 1;
  std::string_view audit_key;  // REQUIRES: not empty
};

// NotFound for an unknown participant; InvalidArgument for one forgotten before. REQUIRES: the
// write transaction holds the organisation's write lock. Throws soci::soci_error; after one,
// only rolling back is safe.
Result<ForgetSummary> Forget(Statements& sql, const Dialect& dialect, EventSequence& sequence,
                             const ForgetRequest& request);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_FORGET_H_
