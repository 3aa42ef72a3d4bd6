// The tamper-evident log (docs/security.md, "Audit chain").
//
// Every event is chained to the previous event of its organisation: its row (seq, stream,
// position, kind, effective date, record time, actor, cause, payload, and the previous event's
// seq) is hashed with SHA-256, and the event's link is SHA-256(previous link, that digest),
// stored with the event. Changing, deleting, inserting or reordering events in the database
// directly breaks a link, which Store::VerifyAuditChain finds and names.
//
// The chain is not keyed: someone who can write the database and knows this format can also
// recompute every link after a change. What catches that is a head kept elsewhere: the link of
// an event at some seq (Store::AuditChainHead), written down outside the database and given to
// VerifyAuditChain later, which then checks that the chain still passes through it.
//
// Forgetting a participant (Store::ForgetParticipant) rewrites their events in place. A
// rewritten row is verified by its public part (every fact but the personal fields a forget
// erases) exactly as chained, so a forget cannot change a wage, a date or anything else that is
// not personal; and each forget is authenticated by an HMAC under the audit key, a secret kept
// outside the database like the BSN key (StoreOptions::audit_key), so that only a forget made
// with the key verifies as one. What the chain proves with and without a kept head and the key:
// docs/security.md, "What `audit verify` proves".
#ifndef TRAJECT_AUDIT_H_
#define TRAJECT_AUDIT_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "traject/export.h"
#include "traject/status.h"

namespace traject {

// A point of an organisation's chain: the link of the event at `seq`. seq 0 and an empty link
// for an organisation without events.
// The shortest audit key accepted, in bytes.
inline constexpr std::size_t kMinAuditKeyBytes = 32;

// Reads an audit key file, with the checks and errors of ReadBsnKeyFile (traject/bsn.h).
TRAJECT_EXPORT Result<std::string> ReadAuditKeyFile(const std::filesystem::path& file);

struct AuditHead {
  std::int64_t seq = 0;
  std::string link{};  // 64 lower-case hex digits
};

// Text form "SEQ:LINK", as `traject audit head` prints it and `audit verify --head` reads it.
TRAJECT_EXPORT std::string ToString(const AuditHead& head);
// Reads "SEQ:LINK". InvalidArgument naming what is wrong otherwise.
TRAJECT_EXPORT Result<AuditHead> ParseAuditHead(std::string_view text);

enum class AuditProblemKind {
  kChanged,    // the event's content (or its link) is not what was chained
  kDeleted,    // an event the chain names is missing
  kInserted,   // an event that is not part of the chain
  kReordered,  // an event's place in the log is not the one it was chained at
};

struct AuditProblem {
  AuditProblemKind kind = AuditProblemKind::kChanged;
  std::int64_t seq = 0;  // where: the event found at fault, or the missing one
  std::string detail{};  // what was found there, without any of the event's content
};

TRAJECT_EXPORT std::string ToString(
    AuditProblemKind kind);  // "changed", "deleted", "inserted", "reordered"

struct AuditVerification {
  std::int64_t events = 0;  // events of the organisation checked
  AuditHead head{};         // the last event's link as recomputed
  // In log order; at most kMaxProblems (a break is also reported where it continues).
  std::vector<AuditProblem> problems{};
  bool truncated = false;  // more problems than kept

  // Forgets whose rewrites verify: authenticated by the audit key given, or, without a key,
  // listed by the seq of their participant.forgotten event. An unauthenticated forget could
  // have been forged by someone with the database: it may have erased personal fields (a
  // reference, free text, a BSN hash) of the rows it names, never changed any other fact.
  std::int64_t authenticated_forgets = 0;
  std::vector<std::int64_t> unauthenticated_forgets{};

  static constexpr std::size_t kMaxProblems = 100;
  bool ok() const { return problems.empty(); }
};

}  // namespace traject

#endif  // TRAJECT_AUDIT_H_
