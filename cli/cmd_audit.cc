// `traject audit head` and `traject audit verify`: the tamper-evident log (docs/security.md).
#include <fmt/format.h>

#include "commands.h"
#include "exit_codes.h"

namespace traject::cli {
namespace {

struct HeadOptions {};

Status RunHead(Context& context, const HeadOptions&) {
  if (Status s = context.RefuseCsv("audit head"); !s.ok()) return s;
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<AuditHead> head = (*store)->AuditChainHead();
  if (!head.ok()) return head.status();
  if (context.format() == Format::kJson) {
    Json json;
    json.w().StartObject();
    json.Field("organisation", (*store)->organisation());
    json.Field("seq", head->seq);
    json.Field("link", head->link);
    json.Field("head", ToString(*head));
    json.w().EndObject();
    json.Print(context.out());
    return Status::OK();
  }
  context.out() << ToString(*head) << "\n";
  return Status::OK();
}

struct VerifyOptions {
  std::string head;
};

Status RunVerify(Context& context, const VerifyOptions& options) {
  if (Status s = context.RefuseCsv("audit verify"); !s.ok()) return s;
  std::optional<AuditHead> kept;
  if (!options.head.empty()) {
    Result<AuditHead> parsed = ParseAuditHead(options.head);
    if (!parsed.ok()) return parsed.status().WithContext("--head");
    kept = *parsed;
  }
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<AuditVerification> verified = (*store)->VerifyAuditChain(kept);
  if (!verified.ok()) return verified.status();
  if (context.format() == Format::kJson) {
    Json json;
    auto& w = json.w();
    w.StartObject();
    json.Field("organisation", (*store)->organisation());
    json.Field("ok", verified->ok());
    json.Field("events", verified->events);
    json.Field("head", ToString(verified->head));
    json.Key("problems");
    w.StartArray();
    for (const AuditProblem& p : verified->problems) {
      w.StartObject();
      json.Field("kind", ToString(p.kind));
      json.Field("seq", p.seq);
      json.Field("detail", p.detail);
      w.EndObject();
    }
    w.EndArray();
    json.Field("truncated", verified->truncated);
    json.Field("authenticated_forgets", verified->authenticated_forgets);
    json.Key("unauthenticated_forgets");
    w.StartArray();
    for (std::int64_t seq : verified->unauthenticated_forgets) w.Int64(seq);
    w.EndArray();
    w.EndObject();
    json.Print(context.out());
  } else if (verified->ok()) {
    context.out() << fmt::format(
        "Audit chain of '{}' verifies: {} events{}, head {}\n", (*store)->organisation(),
        verified->events, kept ? fmt::format(", through the kept head at event {}", kept->seq) : "",
        ToString(verified->head));
    if (verified->authenticated_forgets > 0) {
      context.out() << fmt::format("  {} forgets authenticated by the audit key\n",
                                   verified->authenticated_forgets);
    }
  } else {
    context.out() << fmt::format("Audit chain of '{}' does NOT verify ({} events read):\n",
                                 (*store)->organisation(), verified->events);
    for (const AuditProblem& p : verified->problems) {
      context.out() << fmt::format("  event {}: {}: {}\n", p.seq, ToString(p.kind), p.detail);
    }
    if (verified->truncated) {
      context.out() << fmt::format("  (only the first {} problems are listed)\n",
                                   AuditVerification::kMaxProblems);
    }
  }
  if (!verified->unauthenticated_forgets.empty()) {
    // Loud, not silent: without the key a forged forget cannot be told from a real one.
    std::string seqs;
    for (std::int64_t seq : verified->unauthenticated_forgets) {
      seqs += fmt::format("{}{}", seqs.empty() ? "" : ", ", seq);
    }
    context.err() << fmt::format(
        "warning: {} forgets (events {}) were not authenticated: give --audit-key-file to check "
        "them. Without the key, a forget forged by someone with the database could have erased "
        "the personal fields (reference, free text, BSN hash) of the events it names; no other "
        "fact can have changed unnoticed.\n",
        verified->unauthenticated_forgets.size(), seqs);
  }
  if (!verified->ok()) context.exit_code = kExitAuditFailed;
  return Status::OK();
}

}  // namespace

void AddAuditCommands(CLI::App& app, Context& context) {
  CLI::App* audit = app.add_subcommand("audit", "The tamper-evident log: its head, and checks");
  audit->require_subcommand(1);

  auto head_options = std::make_shared<HeadOptions>();
  CLI::App* head = audit->add_subcommand(
      "head", "Print the audit chain's head (SEQ:LINK), to keep outside the database");
  head->footer(
      "Example:\n  traject --db amsterdam.db audit head >> /secure/elsewhere/amsterdam-heads.txt\n"
      "Later, `traject audit verify --head SEQ:LINK` checks that the log still passes through it.");
  OnRun(head, context, head_options, &RunHead);

  auto verify_options = std::make_shared<VerifyOptions>();
  CLI::App* verify = audit->add_subcommand(
      "verify",
      "Check every event of the organisation against the audit chain; exit 9 when the log was "
      "changed, deleted from, inserted into or reordered outside traject");
  verify
      ->add_option("--head", verify_options->head,
                   "A head kept earlier (SEQ:LINK, from `audit head`): the chain must still "
                   "pass through it")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            return value.empty() ? "empty head: give SEQ:LINK, or leave the option out" : "";
          },
          "SEQ:LINK", "non-empty head"));
  verify->footer(
      "Example:\n  traject --db amsterdam.db audit verify --head 1234:9f86d081...\n"
      "Exit codes: 0 the chain verifies, 9 it does not (each problem is listed: the event's seq, "
      "changed / deleted / inserted / reordered, and what was found).");
  OnRun(verify, context, verify_options, &RunVerify);
}

}  // namespace traject::cli
