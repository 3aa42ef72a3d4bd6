// The audit chain of the event log (traject/audit.h): how an event row is digested and linked,
// how appends extend the chain, and how a log is verified against it.
//
// Each event row carries `audit_prev` (the seq of the organisation's previous event; NULL for
// its first) and `audit_link` (hex SHA-256 of the previous link's hex text followed by the
// row digest). `audit_heads` holds each organisation's last (seq, link), updated by every
// append in the same transaction: an append needs it to extend the chain, and verification
// compares it with the log's end (events removed from the end leave it behind).
#ifndef TRAJECT_STORAGE_AUDIT_CHAIN_H_
#define TRAJECT_STORAGE_AUDIT_CHAIN_H_

#include <soci/soci.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/statements.h"
#include "traject/audit.h"

namespace traject::storage {

// An event row as stored: the columns the chain covers.
struct EventRow {
  std::int64_t seq = 0;
  std::string org;
  std::string stream;
  std::int64_t position = 0;
  std::string kind;
  std::int64_t effective = 0;
  std::int64_t recorded_at = 0;
  std::string actor;
  std::optional<std::int64_t> caused_by;
  std::string payload;
  std::optional<std::int64_t> audit_prev;
  std::string audit_link;
  std::string audit_salt;  // hex; "" before kSaltedChainSchema and once forgotten
};

// Format 1 (schema versions kAuditChainSchema..6): SHA-256 of the row's covered columns (all but
// audit_link), in an unambiguous encoding. Format 2: storage/audit_digest.h.
std::string RowDigest(const EventRow& row);
// The link after `previous_link` (hex; empty for the first event) for a row of `digest`.
std::string NextLink(const std::string& previous_link, const std::string& digest);

// Extends the chains of the organisations whose events are appended in one write transaction.
// REQUIRES: rows are given in seq order, the transaction holds their organisations' write lock.
class AuditLinker {
 public:
  // `format`: of the database's chain (ChainFormatOf).
  AuditLinker(Statements& sql, int format) : sql_(sql), format_(format) {}
  // Sets row.audit_prev and row.audit_link from the organisation's head, and moves the head;
  // in format 2 gives a row without a salt one first.
  void Link(EventRow& row);
  // Writes the moved heads to audit_heads. Throws soci::soci_error.
  void SaveHeads();

 private:
  AuditHead& HeadOf(const std::string& org);
  Statements& sql_;
  int format_;
  std::map<std::string, AuditHead> heads_;  // read once per organisation
  std::map<std::string, bool> known_;       // whether audit_heads has a row for it
};

// --- Rewritten events (forgetting a participant, storage/forget.h) ---------------------------
// A rewritten event keeps its place in the chain. audit_rewrites holds, per rewritten row, what
// verification needs to link it as it was chained and the seq of the participant.forgotten event
// that rewrote it (`rewritten_by`), whose payload vouches for the list:
//   format 2: `digest`, the commitment to the row's personal part as chained (hex; salted, so
//     useless for guessing once the salt is gone), and `rewritten_digest`, the commitment to it
//     as rewritten. Verification links the row with its public part as stored and the kept
//     commitment, so a rewrite cannot change anything but the personal part; checks the row is
//     in its forgotten form; and checks the list against the forget event's `digest` and, with
//     the audit key, its `mac`.
//   format 1 (before kSaltedChainSchema, read only to migrate): the row digests as chained and
//     as rewritten; the forget event's `digest` covers the rewritten ones.

// The columns of an event row in a chain of `format`, and their Statement types.
std::string ChainRowColumns(int format);
std::string ChainRowColumnTypes();

// At most `limit` rows of every organisation after seq `after`, in seq order, as stored.
// Throws soci::soci_error.
std::vector<EventRow> EventRowsAfter(Statements& sql, std::int64_t after, std::size_t limit,
                                     int format);

// The rows of one stream of `org` in seq order, as stored. Throws soci::soci_error.
std::vector<EventRow> StreamRows(Statements& sql, const std::string& org, const std::string& stream,
                                 int format);

// One rewritten row as a forget event vouches for it (format 2): hex commitments.
struct RewrittenRow {
  std::int64_t seq = 0;
  std::string commitment;
  std::string rewritten;
};
// Hex SHA-256 over the rows' seqs and commitments, in the order given.
std::string ForgetDigest(const std::vector<RewrittenRow>& rows);
// Hex HMAC-SHA-256 under the audit key of the forget event at `seq` of `org`: its pseudonym and
// its digest. What the database alone cannot forge.
std::string ForgetMac(std::string_view audit_key, const std::string& org, std::int64_t seq,
                      const std::string& pseudonym, const std::string& forget_digest);

// Records that `original` (as chained) became `rewritten` (the same rows, in the same order) by
// the event at `rewritten_by`, and returns the list its payload vouches for. REQUIRES: schema
// version >= kSaltedChainSchema; none of them was rewritten before. Throws.
std::vector<RewrittenRow> KeepCommitments(Statements& sql, const std::vector<EventRow>& original,
                                          const std::vector<EventRow>& rewritten,
                                          std::int64_t rewritten_by);

// Verifies the chain of `org`'s events, of `format` (1 or 2); `kept`, a head written down
// earlier, must be on it. `audit_key`: to authenticate forgets (format 2); empty: they are
// listed as unauthenticated. Throws soci::soci_error.
AuditVerification VerifyChain(Statements& sql, const std::string& org,
                              const std::optional<AuditHead>& kept, int format,
                              std::string_view audit_key);

// The head of `org`'s chain as stored (seq 0 and no link without events). Throws.
AuditHead StoredHead(Statements& sql, const std::string& org);

// Chains every event of a database whose events have no links yet (the schema step that adds
// the chain), oldest first, per organisation. Throws soci::soci_error.
void ChainExistingEvents(soci::session& sql);

// The schema step to format 2 (kSaltedChainSchema): verifies every organisation's chain as it
// stands (throws std::runtime_error naming the organisation and the first problem when one does
// not verify: chaining it anew would launder the change), forgets the format-1 rewrite records
// (their unsalted digests could confirm a guess of what was erased), and chains every event
// anew, each with a salt of its own. Throws.
void RechainSalted(soci::session& sql);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_AUDIT_CHAIN_H_
