// How an event row is digested for the audit chain from schema version kSaltedChainSchema on
// (format "traject-audit-2", docs/security.md "A tamper-evident log").
//
// A row is two parts. Its personal part is what forgetting a participant erases: the
// participant in its stream ("participant/REF"), and the payload's top-level string members
// `ref`, `reason`, `evidence` and `bsn_hash`. Its public part is everything else: every other
// column, and the payload's JSON with those members' values left out. The row digest covers the
// public part and a commitment to the personal part,
//
//   commitment = SHA-256("traject-personal-2", salt, stream, each personal member's name and value)
//   digest     = SHA-256("traject-audit-2", org, seq, stream as public, position, kind, effective,
//                        recorded_at, actor, caused_by, audit_prev, public payload, commitment)
//
// in util/digest.h's field encoding, where `salt` is 16 random bytes of the row's own
// (events.audit_salt, hex). Forgetting erases the salt with the personal part and keeps only the
// commitment: the chain still verifies the public part exactly, and what it keeps about the
// erased text cannot be tested against a guess without the salt, which no longer exists.
#ifndef TRAJECT_STORAGE_AUDIT_DIGEST_H_
#define TRAJECT_STORAGE_AUDIT_DIGEST_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/audit_chain.h"

namespace traject::storage {

// From this schema version on, rows are salted and digested as above; before it (from
// kAuditChainSchema), with RowDigest.
inline constexpr int kSaltedChainSchema = 7;

// The personal members of a payload, in the order the payload has them.
using PersonalMembers = std::vector<std::pair<std::string, std::string>>;
PersonalMembers PersonalMembersOf(std::string_view payload);

// A fresh salt for a row: 32 hex digits.
std::string NewAuditSalt();

// The commitment to the row's personal part (32 raw bytes).
std::string PersonalCommitment(const EventRow& row);

// The row's digest (32 raw bytes) with its personal part given by `commitment`.
std::string SaltedRowDigest(const EventRow& row, std::string_view commitment);

// The row's digest as the chain of `format` (1: RowDigest; 2: the salted digest) links it.
std::string ChainedDigest(const EventRow& row, int format);

// The audit chain format of a database at `schema_version`: 0 (no chain), 1 or 2.
int ChainFormatOf(int schema_version);

// The payload with its personal members in their forgotten form: `ref` becomes `pseudonym`,
// a non-empty `reason` or `evidence` reads kErasedText, `bsn_hash` is emptied. Every other byte
// of meaning stays, so the public part is unchanged. InvalidArgument when the payload is not
// JSON.
Result<std::string> ForgottenPayloadText(std::string_view payload, std::string_view pseudonym);

// Whether a rewritten row is in the form a forget leaves: its stream and `ref` the pseudonym,
// its free text erased or empty, no BSN hash, no salt.
bool InForgottenForm(const EventRow& row, std::string_view pseudonym);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_AUDIT_DIGEST_H_
