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
};

// SHA-256 of the row's covered columns (all but audit_link), in an unambiguous encoding.
std::string RowDigest(const EventRow& row);
// The link after `previous_link` (hex; empty for the first event) for a row of `digest`.
std::string NextLink(const std::string& previous_link, const std::string& digest);

// Extends the chains of the organisations whose events are appended in one write transaction.
// REQUIRES: rows are given in seq order, the transaction holds their organisations' write lock.
class AuditLinker {
 public:
  explicit AuditLinker(Statements& sql) : sql_(sql) {}
  // Sets row.audit_prev and row.audit_link from the organisation's head, and moves the head.
  void Link(EventRow& row);
  // Writes the moved heads to audit_heads. Throws soci::soci_error.
  void SaveHeads();

 private:
  AuditHead& HeadOf(const std::string& org);
  Statements& sql_;
  std::map<std::string, AuditHead> heads_;  // read once per organisation
  std::map<std::string, bool> known_;       // whether audit_heads has a row for it
};

// --- Rewritten events (forgetting a participant, storage/forget.h) ---------------------------
// A rewritten event keeps its place in the chain: audit_rewrites holds the digest it was chained
// with, its digest as rewritten, and the seq of the participant.forgotten event that rewrote it,
// whose payload carries RewriteDigest of the rewritten digests. Verification links such a row
// with its kept digest, checks it against its rewritten digest (naming a row changed since),
// and checks the rewritten digests against the forget event (naming rows passed off as
// rewritten, or audit_rewrites edited).

// At most `limit` rows of every organisation after seq `after`, in seq order, as stored.
// Throws soci::soci_error.
std::vector<EventRow> EventRowsAfter(Statements& sql, std::int64_t after, std::size_t limit);

// The rows of one stream of `org` in seq order, as stored. Throws soci::soci_error.
std::vector<EventRow> StreamRows(Statements& sql, const std::string& org,
                                 const std::string& stream);
struct SeqDigest {
  std::int64_t seq = 0;
  std::string hex_digest;
};
// Each row's seq and hex RowDigest.
std::vector<SeqDigest> DigestsOf(const std::vector<EventRow>& rows);
// Hex SHA-256 over each row's seq and hex digest, in the order given.
std::string RewriteDigest(const std::vector<SeqDigest>& rewritten);
// Records that `original` (as chained) became `rewritten` (the same rows, in the same order) by
// the event at `rewritten_by`. REQUIRES: schema version >= kForgetSchema; none of them was
// rewritten before. Throws.
void KeepChainedDigests(Statements& sql, const std::vector<EventRow>& original,
                        const std::vector<EventRow>& rewritten, std::int64_t rewritten_by);

// Verifies the chain of `org`'s events; `kept`, a head written down earlier, must be on it.
// `rewrites`: whether the database has audit_rewrites (schema >= kForgetSchema).
// Throws soci::soci_error.
AuditVerification VerifyChain(Statements& sql, const std::string& org,
                              const std::optional<AuditHead>& kept, bool rewrites);

// The head of `org`'s chain as stored (seq 0 and no link without events). Throws.
AuditHead StoredHead(Statements& sql, const std::string& org);

// Chains every event of a database whose events have no links yet (the schema step that adds
// the chain), oldest first, per organisation. Throws soci::soci_error.
void ChainExistingEvents(soci::session& sql);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_AUDIT_CHAIN_H_
