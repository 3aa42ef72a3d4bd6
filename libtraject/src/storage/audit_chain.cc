#include "storage/audit_chain.h"

#include <fmt/format.h>

#include <vector>

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

// Each field as its length, ':' and its bytes; NULL as '~' (a length starts with a digit).
void Field(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
}
void Field(std::string& out, std::int64_t value) { Field(out, std::to_string(value)); }
void Field(std::string& out, const std::optional<std::int64_t>& value) {
  if (value) {
    Field(out, *value);
  } else {
    out += '~';
  }
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

AuditVerification VerifyChain(Statements& sql, const std::string& org,
                              const std::optional<AuditHead>& kept) {
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
  std::optional<std::int64_t> previous, before_previous;  // seqs of the rows read before
  std::string previous_link;
  bool kept_seen = false;
  while (s.Next()) {
    const EventRow row = RowAt(s);
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
    if (linked && NextLink(previous_link, RowDigest(row)) != row.audit_link) {
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

void ChainExistingEvents(soci::session& session) {
  Statements sql(session);
  AuditLinker linker(sql);
  Statement& read = sql.Get(fmt::format("SELECT {} FROM events WHERE seq > :after ORDER BY seq "
                                        "LIMIT 8192",
                                        kEventColumns),
                            kEventTypes);
  Statement& update = sql.Get(
      "UPDATE events SET audit_prev = :prev, audit_link = :link WHERE org = :org AND seq = :seq");
  std::int64_t after = 0;
  for (;;) {
    std::vector<EventRow> rows;
    read.Run(after);
    while (read.Next()) rows.push_back(RowAt(read));
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
