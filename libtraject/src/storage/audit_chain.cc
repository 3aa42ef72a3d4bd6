#include "storage/audit_chain.h"

#include <fmt/format.h>

#include <vector>

#include "storage/audit_digest.h"
#include "storage/errors.h"
#include "traject/events.h"
#include "util/digest.h"

namespace traject {

std::string ToString(const AuditHead& head) { return fmt::format("{}:{}", head.seq, head.link); }

Result<AuditHead> ParseAuditHead(std::string_view text) {
  const std::size_t colon = text.find(':');
  const auto bad = [] {
    return Status::InvalidArgument(
        "audit head: expected SEQ:LINK, a positive number, ':' and 64 hex digits, as `traject "
        "audit head` prints it");
  };
  if (colon == std::string_view::npos || colon == 0 || colon > 18) return bad();
  std::int64_t seq = 0;
  for (char c : text.substr(0, colon)) {
    if (c < '0' || c > '9') return bad();
    seq = seq * 10 + (c - '0');
  }
  const std::string_view link = text.substr(colon + 1);
  if (seq <= 0 || link.size() != 64) return bad();
  for (char c : link) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return bad();
  }
  return AuditHead{seq, std::string(link)};
}

std::string ToString(AuditProblemKind kind) {
  switch (kind) {
    case AuditProblemKind::kChanged:
      return "changed";
    case AuditProblemKind::kDeleted:
      return "deleted";
    case AuditProblemKind::kInserted:
      return "inserted";
    case AuditProblemKind::kReordered:
      return "reordered";
  }
  return "changed";
}

namespace storage {
namespace {

// Bumped if the encoding below ever changes; verification would then read both.
constexpr std::string_view kFormat = "traject-audit-1";
constexpr std::string_view kForgetFormat = "traject-forget-2";

void Field(std::string& out, std::string_view text) { digest::AppendField(out, text); }
void Field(std::string& out, std::int64_t value) { digest::AppendField(out, value); }
void Field(std::string& out, const std::optional<std::int64_t>& value) {
  digest::AppendField(out, value);
}

EventRow RowAt(const Statement& s) {
  EventRow row;
  row.seq = s.Int(0);
  row.org = s.Text(1);
  row.stream = s.Text(2);
  row.position = s.Int(3);
  row.kind = s.Text(4);
  row.effective = s.Int(5);
  row.recorded_at = s.Int(6);
  row.actor = s.Text(7);
  if (!s.IsNull(8)) row.caused_by = s.Int(8);
  row.payload = s.Text(9);
  if (!s.IsNull(10)) row.audit_prev = s.Int(10);
  row.audit_link = s.Text(11);
  row.audit_salt = s.Text(12);
  return row;
}

}  // namespace

std::string ChainRowColumns(int format) {
  // Before format 2 there is no salt column: every row reads "".
  return fmt::format(
      "seq, org, stream, position, kind, effective, recorded_at, actor, caused_by, payload, "
      "audit_prev, audit_link, {}",
      format >= 2 ? "audit_salt" : "''");
}

std::string ChainRowColumnTypes() { return "ittitiitititt"; }

std::string RowDigest(const EventRow& row) {
  std::string text;
  text.reserve(128 + row.payload.size());
  Field(text, kFormat);
  Field(text, row.org);
  Field(text, row.seq);
  Field(text, row.stream);
  Field(text, row.position);
  Field(text, row.kind);
  Field(text, row.effective);
  Field(text, row.recorded_at);
  Field(text, row.actor);
  Field(text, row.caused_by);
  Field(text, row.payload);
  Field(text, row.audit_prev);
  return digest::Sha256(text);
}

std::string NextLink(const std::string& previous_link, const std::string& row_digest) {
  return digest::Hex(digest::Sha256(previous_link + row_digest));
}

AuditHead& AuditLinker::HeadOf(const std::string& org) {
  auto it = heads_.find(org);
  if (it != heads_.end()) return it->second;
  return heads_.emplace(org, StoredHead(sql_, org)).first->second;
}

std::vector<EventRow> StreamRows(Statements& sql, const std::string& org, const std::string& stream,
                                 int format) {
  Statement& s = sql.Get(fmt::format("SELECT {} FROM events WHERE org = :org AND stream = :stream "
                                     "ORDER BY seq",
                                     ChainRowColumns(format)),
                         ChainRowColumnTypes());
  s.Run(org, stream);
  std::vector<EventRow> rows;
  while (s.Next()) rows.push_back(RowAt(s));
  return rows;
}

namespace {

// Format 1's digest of the rewritten rows, as its forget events carry it.
std::string RewriteDigest1(const std::vector<std::pair<std::int64_t, std::string>>& rewritten) {
  std::string text;
  Field(text, kFormat);
  for (const auto& [seq, hex_digest] : rewritten) {
    Field(text, seq);
    Field(text, hex_digest);
  }
  return digest::Hex(digest::Sha256(text));
}

}  // namespace

std::string ForgetDigest(const std::vector<RewrittenRow>& rows) {
  std::string text;
  Field(text, kForgetFormat);
  for (const RewrittenRow& row : rows) {
    Field(text, row.seq);
    Field(text, row.commitment);
    Field(text, row.rewritten);
  }
  return digest::Hex(digest::Sha256(text));
}

std::string ForgetMac(std::string_view audit_key, const std::string& org, std::int64_t seq,
                      const std::string& pseudonym, const std::string& forget_digest) {
  std::string text;
  Field(text, kForgetFormat);
  Field(text, org);
  Field(text, seq);
  Field(text, pseudonym);
  Field(text, forget_digest);
  return digest::Hex(digest::HmacSha256(audit_key, text));
}

std::vector<RewrittenRow> KeepCommitments(Statements& sql, const std::vector<EventRow>& original,
                                          const std::vector<EventRow>& rewritten,
                                          std::int64_t rewritten_by) {
  Statement& insert = sql.Get(
      "INSERT INTO audit_rewrites (org, seq, digest, rewritten_digest, rewritten_by) VALUES "
      "(:org, :seq, :digest, :rewritten, :by)");
  std::vector<RewrittenRow> kept;
  for (std::size_t i = 0; i < original.size(); ++i) {
    RewrittenRow& row = kept.emplace_back(
        RewrittenRow{original[i].seq, digest::Hex(PersonalCommitment(original[i])),
                     digest::Hex(PersonalCommitment(rewritten[i]))});
    insert.Run(original[i].org, row.seq, row.commitment, row.rewritten, rewritten_by);
  }
  return kept;
}

void AuditLinker::Link(EventRow& row) {
  AuditHead& head = HeadOf(row.org);
  if (format_ >= 2 && row.audit_salt.empty()) row.audit_salt = NewAuditSalt();
  row.audit_prev = head.seq > 0 ? std::optional<std::int64_t>(head.seq) : std::nullopt;
  row.audit_link = NextLink(head.link, ChainedDigest(row, format_));
  head = AuditHead{row.seq, row.audit_link};
}

void AuditLinker::SaveHeads() {
  Statement& upsert = sql_.Get(
      "INSERT INTO audit_heads (org, seq, link) VALUES (:org, :seq, :link) ON CONFLICT (org) DO "
      "UPDATE SET seq = excluded.seq, link = excluded.link");
  for (const auto& [org, head] : heads_) {
    if (head.seq > 0) upsert.Run(org, head.seq, head.link);
  }
}

AuditHead StoredHead(Statements& sql, const std::string& org) {
  Statement& s = sql.Get("SELECT seq, link FROM audit_heads WHERE org = :org", "it");
  AuditHead head;
  if (s.Run(org).One()) head = AuditHead{s.Int(0), s.Text(1)};
  return head;
}

namespace {

// A rewritten row as verification meets it.
struct Rewrite {
  std::string chained;    // format 1: the digest as chained; 2: the commitment (raw bytes;
                          // empty when the kept text is not hex)
  std::string rewritten;  // hex, as the forget left the row (1: its digest; 2: its commitment)
  std::string chained_hex;
  std::int64_t rewritten_by = 0;
};

std::map<std::int64_t, Rewrite> RewritesOf(Statements& sql, const std::string& org) {
  std::map<std::int64_t, Rewrite> out;
  Statement& s = sql.Get(
      "SELECT seq, digest, rewritten_digest, rewritten_by FROM audit_rewrites WHERE org = :org",
      "itti");
  s.Run(org);
  while (s.Next()) {
    out[s.Int(0)] =
        Rewrite{digest::FromHex(s.Text(1)).value_or(std::string()), s.Text(2), s.Text(1), s.Int(3)};
  }
  return out;
}

// The rows a forget event rewrote, as verification collects them until it reaches that event.
struct Awaiting {
  std::vector<RewrittenRow> rows;
  std::vector<EventRow> as_stored;  // format 2: to check their forgotten form
};

}  // namespace

AuditVerification VerifyChain(Statements& sql, const std::string& org,
                              const std::optional<AuditHead>& kept, int format,
                              std::string_view audit_key) {
  AuditVerification out;
  const auto report = [&](AuditProblemKind kind, std::int64_t seq, std::string detail) {
    if (!out.problems.empty() && out.problems.back().kind == kind &&
        out.problems.back().seq == seq) {
      return;  // the same break seen from the next event
    }
    if (out.problems.size() >= AuditVerification::kMaxProblems) {
      out.truncated = true;
      return;
    }
    out.problems.push_back(AuditProblem{kind, seq, std::move(detail)});
  };
  const auto name = [](const std::optional<std::int64_t>& seq) {
    return seq ? fmt::format("event {}", *seq) : std::string("nothing (the first)");
  };
  Statement& s = sql.Get(
      fmt::format("SELECT {} FROM events WHERE org = :org ORDER BY seq", ChainRowColumns(format)),
      ChainRowColumnTypes());
  s.Run(org);
  const std::map<std::int64_t, Rewrite> rewritten = RewritesOf(sql, org);
  // Rows rewritten by the forget event at the key, as the rewrite left them, awaiting that event.
  std::map<std::int64_t, Awaiting> awaiting;
  std::optional<std::int64_t> previous, before_previous;  // seqs of the rows read before
  std::string previous_link;
  bool kept_seen = false;
  while (s.Next()) {
    const EventRow row = RowAt(s);
    const auto rewrite = rewritten.find(row.seq);
    if (rewrite != rewritten.end()) {
      const Rewrite& r = rewrite->second;
      const std::string now = digest::Hex(format >= 2 ? PersonalCommitment(row) : RowDigest(row));
      if (now != r.rewritten) {
        report(AuditProblemKind::kChanged, row.seq,
               fmt::format("it was changed after event {} rewrote it", r.rewritten_by));
      }
      Awaiting& rows = awaiting[r.rewritten_by];
      rows.rows.push_back({row.seq, r.chained_hex, r.rewritten});
      if (format >= 2) rows.as_stored.push_back(row);
    }
    if (auto rows = awaiting.find(row.seq); rows != awaiting.end()) {
      // The record of the rewrite itself must be what the forget event vouches for.
      Result<EventPayload> payload = DecodePayload(row.kind, row.payload);
      const auto* forgotten = payload.ok() ? std::get_if<ParticipantForgotten>(&*payload) : nullptr;
      const auto marked = [&](const std::string& why) {
        for (const RewrittenRow& changed : rows->second.rows) {
          report(AuditProblemKind::kChanged, changed.seq,
                 fmt::format("it is marked as rewritten by event {}, {}", row.seq, why));
        }
      };
      if (format < 2) {
        std::vector<std::pair<std::int64_t, std::string>> digests;
        for (const RewrittenRow& r : rows->second.rows) digests.emplace_back(r.seq, r.rewritten);
        if (!forgotten || forgotten->digest != RewriteDigest1(digests)) {
          marked("which did not rewrite it so");
        }
      } else if (!forgotten || forgotten->digest != ForgetDigest(rows->second.rows) ||
                 forgotten->events != static_cast<std::int64_t>(rows->second.rows.size())) {
        marked("which did not rewrite it so");
      } else {
        for (const EventRow& stored : rows->second.as_stored) {
          if (!InForgottenForm(stored, forgotten->ref)) {
            report(AuditProblemKind::kChanged, stored.seq,
                   fmt::format("it is marked as rewritten by event {}, but is not in the form a "
                               "forget leaves",
                               row.seq));
          }
        }
        if (audit_key.empty()) {
          out.unauthenticated_forgets.push_back(row.seq);
        } else if (forgotten->mac !=
                   ForgetMac(audit_key, org, row.seq, forgotten->ref, forgotten->digest)) {
          marked(
              "which the audit key given does not authenticate: it was not made by traject "
              "with this key");
        } else {
          ++out.authenticated_forgets;
        }
      }
      awaiting.erase(rows);
    }
    ++out.events;
    const std::optional<std::int64_t>& claimed = row.audit_prev;
    bool linked = true;
    if (row.audit_link.empty()) {
      report(AuditProblemKind::kInserted, row.seq,
             "it has no link: it was not appended by traject");
      linked = false;
    } else if (claimed != previous) {
      linked = false;
      if (claimed && *claimed >= row.seq) {
        report(AuditProblemKind::kReordered, row.seq,
               fmt::format("it was chained after event {}, so its place is after that event",
                           *claimed));
      } else if (claimed && (!previous || *claimed > *previous)) {
        report(
            AuditProblemKind::kDeleted, *claimed,
            fmt::format("event {} was chained after it, but the log has no such event", row.seq));
      } else if (previous && claimed == before_previous) {
        report(AuditProblemKind::kInserted, *previous,
               fmt::format("event {} was chained after {}: the event between is not in the chain",
                           row.seq, name(claimed)));
      } else {
        report(AuditProblemKind::kInserted, row.seq,
               fmt::format("it was chained after {}, but follows {} in the log", name(claimed),
                           name(previous)));
      }
    }
    std::string digest;
    if (format >= 2) {
      digest = SaltedRowDigest(
          row, rewrite != rewritten.end() ? rewrite->second.chained : PersonalCommitment(row));
    } else {
      digest = rewrite != rewritten.end() ? rewrite->second.chained : RowDigest(row);
    }
    if (linked && NextLink(previous_link, digest) != row.audit_link) {
      report(AuditProblemKind::kChanged, row.seq, "its content or link is not what was chained");
    }
    if (kept && row.seq == kept->seq) {
      kept_seen = true;
      if (row.audit_link != kept->link) {
        report(AuditProblemKind::kChanged, row.seq,
               "its link differs from the kept head: the chain was rewritten since");
      }
    }
    before_previous = previous;
    previous = row.seq;
    previous_link = row.audit_link;
    out.head = AuditHead{row.seq, row.audit_link};
  }
  for (const auto& [by, rows] : awaiting) {  // no forget event after them rewrote them
    for (const RewrittenRow& changed : rows.rows) {
      report(AuditProblemKind::kChanged, changed.seq,
             fmt::format("it is marked as rewritten by event {}, which is not a later event of "
                         "the log",
                         by));
    }
  }
  if (kept && kept->seq > 0 && !kept_seen) {
    report(AuditProblemKind::kDeleted, kept->seq, "the kept head's event is not in the log");
  }
  const AuditHead stored = StoredHead(sql, org);
  if (stored.seq > out.head.seq) {
    report(AuditProblemKind::kDeleted, stored.seq,
           fmt::format("the chain's head is event {}, but the log ends at {}: events at its end "
                       "were removed",
                       stored.seq, out.head.seq));
  } else if (stored.seq < out.head.seq) {
    report(AuditProblemKind::kInserted, out.head.seq,
           fmt::format("the log ends at event {}, after the chain's head {}: appended outside "
                       "traject",
                       out.head.seq, stored.seq));
  } else if (stored.link != out.head.link) {
    report(AuditProblemKind::kChanged, stored.seq, "its link differs from the chain's stored head");
  }
  return out;
}

std::vector<EventRow> EventRowsAfter(Statements& sql, std::int64_t after, std::size_t limit,
                                     int format) {
  Statement& read = sql.Get(fmt::format("SELECT {} FROM events WHERE seq > :after ORDER BY seq "
                                        "LIMIT :limit",
                                        ChainRowColumns(format)),
                            ChainRowColumnTypes());
  read.Run(after, static_cast<std::int64_t>(limit));
  std::vector<EventRow> rows;
  while (read.Next()) rows.push_back(RowAt(read));
  return rows;
}

namespace {

// Links every event anew in `format`, oldest first, and saves the heads.
// Chains every event anew from the start of each organisation's log: the heads a previous
// chain left are dropped first, or the first event would link to the old head.
void Rechain(soci::session& session, int format) {
  session << "DELETE FROM audit_heads";
  Statements sql(session);
  AuditLinker linker(sql, format);
  Statement& update =
      sql.Get(format >= 2 ? "UPDATE events SET audit_prev = :prev, audit_link = :link, "
                            "audit_salt = :salt WHERE org = :org AND seq = :seq"
                          : "UPDATE events SET audit_prev = :prev, audit_link = :link WHERE org "
                            "= :org AND seq = :seq");
  std::int64_t after = 0;
  for (;;) {
    std::vector<EventRow> rows = EventRowsAfter(sql, after, 8192, format);
    if (rows.empty()) break;
    for (EventRow& row : rows) {
      row.audit_prev.reset();
      row.audit_salt.clear();
      linker.Link(row);
      if (format >= 2) {
        update.Run(row.audit_prev, row.audit_link, row.audit_salt, row.org, row.seq);
      } else {
        update.Run(row.audit_prev, row.audit_link, row.org, row.seq);
      }
    }
    after = rows.back().seq;
  }
  linker.SaveHeads();
}

}  // namespace

void ChainExistingEvents(soci::session& session) { Rechain(session, 1); }

void RechainSalted(soci::session& session) {
  {
    Statements sql(session);
    std::vector<std::string> organisations;
    Statement& orgs = sql.Get("SELECT DISTINCT org FROM events ORDER BY org", "t");
    orgs.Run();
    while (orgs.Next()) organisations.push_back(orgs.Text(0));
    for (const std::string& org : organisations) {
      const AuditVerification verified = VerifyChain(sql, org, std::nullopt, 1, {});
      if (!verified.ok()) {
        const AuditProblem& first = verified.problems.front();
        throw StorageRefusal(fmt::format(
            "the audit chain of organisation '{}' does not verify (event {}: {}, {}); salting "
            "and chaining it anew would hide that: run 'traject audit verify' with the traject "
            "that wrote it, and restore a backup",
            org, first.seq, ToString(first.kind), first.detail));
      }
    }
  }
  session << "DELETE FROM audit_rewrites";
  Rechain(session, 2);
}

}  // namespace storage
}  // namespace traject
