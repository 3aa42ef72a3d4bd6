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
#ifndef TRAJECT_AUDIT_H_
#define TRAJECT_AUDIT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "traject/export.h"
#include "traject/status.h"

namespace traject {

// A point of an organisation's chain: the link of the event at `seq`. seq 0 and an empty link
// for an organisation without events.
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

  static constexpr std::size_t kMaxProblems = 100;
  bool ok() const { return problems.empty(); }
};

}  // namespace traject

#endif  // TRAJECT_AUDIT_H_
