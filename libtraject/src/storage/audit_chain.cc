#include "storage/audit_chain.h"

#include <fmt/format.h>

#include <vector>

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

void Field(std::string& out, std::string_view text) { digest::AppendField(out, text); }
void Field(std::string& out, std::int64_t value) { digest::AppendField(out, value); }
void Field(std::string& out, const std::optional<std::int64_t>& value) {
  digest::AppendField(out, value);
}

constexpr const char* kEventColumns =
    "seq, org, stream, position, kind, effective, recorded_at, actor, caused_by, payload, "
    "audit_prev, audit_link";
constexpr const char* kEventTypes = "ittitiititit";

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
  return row;
}

}  // namespace

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

std::vector<EventRow> StreamRows(Statements& sql, const std::string& org,
                                 const std::string& stream) {
  Statement& s = sql.Get(fmt::format("SELECT {} FROM events WHERE org = :org AND stream = :stream "
                                     "ORDER BY seq",
                                     kEventColumns),
                         kEventTypes);
  s.Run(org, stream);
  std::vector<EventRow> rows;
  while (s.Next()) rows.push_back(RowAt(s));
  return rows;
}

std::string RewriteDigest(const std::vector<SeqDigest>& rewritten) {
  std::string text;
  Field(text, kFormat);
  for (const SeqDigest& row : rewritten) {
    Field(text, row.seq);
    Field(text, row.hex_digest);
  }
  return digest::Hex(digest::Sha256(text));
}

std::vector<SeqDigest> DigestsOf(const std::vector<EventRow>& rows) {
  std::vector<SeqDigest> out;
  for (const EventRow& row : rows) out.push_back({row.seq, digest::Hex(RowDigest(row))});
  return out;
}

void KeepChainedDigests(Statements& sql, const std::vector<EventRow>& original,
                        const std::vector<EventRow>& rewritten, std::int64_t rewritten_by) {
  Statement& insert = sql.Get(
      "INSERT INTO audit_rewrites (org, seq, digest, rewritten_digest, rewritten_by) VALUES "
      "(:org, :seq, :digest, :rewritten, :by)");
  for (std::size_t i = 0; i < original.size(); ++i) {
    insert.Run(original[i].org, original[i].seq, digest::Hex(RowDigest(original[i])),
               digest::Hex(RowDigest(rewritten[i])), rewritten_by);
  }
}

void AuditLinker::Link(EventRow& row) {
  AuditHead& head = HeadOf(row.org);
  row.audit_prev = head.seq > 0 ? std::optional<std::int64_t>(head.seq) : std::nullopt;
  row.audit_link = NextLink(head.link, RowDigest(row));
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
  std::string chained_digest;    // as kept (raw bytes); empty when the kept text is not hex
  std::string rewritten_digest;  // hex, as the forget left the row
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
        Rewrite{digest::FromHex(s.Text(1)).value_or(std::string()), s.Text(2), s.Int(3)};
  }
  return out;
}

}  // namespace

AuditVerification VerifyChain(Statements& sql, const std::string& org,
                              const std::optional<AuditHead>& kept, bool rewrites) {
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
  Statement& s =
      sql.Get(fmt::format("SELECT {} FROM events WHERE org = :org ORDER BY seq", kEventColumns),
              kEventTypes);
  s.Run(org);
  const std::map<std::int64_t, Rewrite> rewritten =
      rewrites ? RewritesOf(sql, org) : std::map<std::int64_t, Rewrite>();
  // Rows rewritten by the forget event at the key, as the rewrite left them, awaiting that event.
  std::map<std::int64_t, std::vector<SeqDigest>> awaiting;
  std::optional<std::int64_t> previous, before_previous;  // seqs of the rows read before
  std::string previous_link;
  bool kept_seen = false;
  while (s.Next()) {
    const EventRow row = RowAt(s);
    const auto rewrite = rewritten.find(row.seq);
    if (rewrite != rewritten.end()) {
      const Rewrite& r = rewrite->second;
      if (digest::Hex(RowDigest(row)) != r.rewritten_digest) {
        report(AuditProblemKind::kChanged, row.seq,
               fmt::format("it was changed after event {} rewrote it", r.rewritten_by));
      }
      awaiting[r.rewritten_by].push_back({row.seq, r.rewritten_digest});
    }
    if (auto rows = awaiting.find(row.seq); rows != awaiting.end()) {
      // The record of the rewrite itself must be what the forget event vouches for.
      Result<EventPayload> payload = DecodePayload(row.kind, row.payload);
      const auto* forgotten = payload.ok() ? std::get_if<ParticipantForgotten>(&*payload) : nullptr;
      if (!forgotten || forgotten->digest != RewriteDigest(rows->second)) {
        for (const SeqDigest& changed : rows->second) {
          report(AuditProblemKind::kChanged, changed.seq,
                 fmt::format("it is marked as rewritten by event {}, which did not rewrite it so",
                             row.seq));
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
    const std::string digest =
        rewrite != rewritten.end() ? rewrite->second.chained_digest : RowDigest(row);
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
    for (const SeqDigest& changed : rows) {
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

std::vector<EventRow> EventRowsAfter(Statements& sql, std::int64_t after, std::size_t limit) {
  Statement& read = sql.Get(fmt::format("SELECT {} FROM events WHERE seq > :after ORDER BY seq "
                                        "LIMIT :limit",
                                        kEventColumns),
                            kEventTypes);
  read.Run(after, static_cast<std::int64_t>(limit));
  std::vector<EventRow> rows;
  while (read.Next()) rows.push_back(RowAt(read));
  return rows;
}

void ChainExistingEvents(soci::session& session) {
  Statements sql(session);
  AuditLinker linker(sql);
  Statement& update = sql.Get(
      "UPDATE events SET audit_prev = :prev, audit_link = :link WHERE org = :org AND seq = :seq");
  std::int64_t after = 0;
  for (;;) {
    std::vector<EventRow> rows = EventRowsAfter(sql, after, 8192);
    if (rows.empty()) break;
    for (EventRow& row : rows) {
      row.audit_prev.reset();
      linker.Link(row);
      update.Run(row.audit_prev, row.audit_link, row.org, row.seq);
    }
    after = rows.back().seq;
  }
  linker.SaveHeads();
}

}  // namespace storage
}  // namespace traject
