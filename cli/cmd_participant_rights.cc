// `traject participant export` and `traject participant forget`: a participant's rights of
// access, portability and erasure (AVG art. 15, 17, 20; docs/security.md, "Export and forget").
#include <fmt/format.h>

#include "commands.h"
#include "traject/private_file.h"

namespace traject::cli {
namespace {

struct ExportOptions {
  std::string ref, out = "-";
};

Status RunExport(Context& context, const ExportOptions& o) {
  if (Status s = context.RefuseCsv("participant export"); !s.ok()) return s;
  if (o.out.empty()) {
    return Status::InvalidArgument("an empty file name: give a file, or - for standard output")
        .WithContext("--out");
  }
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<ParticipantExport> exported = (*store)->ExportParticipant(o.ref);
  if (!exported.ok()) return exported.status();
  const std::string json = ParticipantExportJson(*exported);
  if (o.out == "-") {
    context.out() << json;
    return Status::OK();
  }
  // The export is personal data: a new file only its owner reads, never over an existing one.
  if (Status s = WritePrivateFile(o.out, json, ExistingFile::kRefuse); !s.ok()) {
    return s.WithContext("--out");
  }
  std::cerr << fmt::format("Exported participant {} ({} events) to {} (readable by you only)\n",
                           o.ref, exported->events.size(), o.out);
  return Status::OK();
}

struct ForgetOptions {
  std::string ref;
  bool yes = false;
};

Status RunForget(Context& context, const ForgetOptions& o) {
  if (Status s = context.RefuseCsv("participant forget"); !s.ok()) return s;
  if (!o.yes) {
    return Status::InvalidArgument(fmt::format(
        "forgetting erases participant {}'s personal data from the log for good, and cannot be "
        "undone; export it first if they asked for a copy, then give --yes",
        o.ref));
  }
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<ForgetSummary> done = (*store)->ForgetParticipant(o.ref);
  if (!done.ok()) return done.status();
  if (context.format() == Format::kJson) {
    Json json;
    json.w().StartObject();
    json.Field("forgotten", o.ref);
    json.Field("pseudonym", done->pseudonym);
    json.Field("events_rewritten", done->events_rewritten);
    json.Field("seq", done->seq);
    json.Field("left_over", done->left_over);
    json.Key("maintenance");
    json.w().StartArray();
    for (const std::string& statement : done->maintenance) json.String(statement);
    json.w().EndArray();
    json.w().EndObject();
    json.Print(context.out());
    return Status::OK();
  }
  context.out() << fmt::format(
      "Participant {} forgotten: {} events rewritten, their BSN hash and notes erased; their "
      "facts stay in the reports under the pseudonym {} (event {})\n",
      o.ref, done->events_rewritten, done->pseudonym, done->seq);
  if (!done->maintenance.empty()) {
    // Loud: until it runs, the old reference is still in the database's files.
    context.err() << fmt::format("warning: {}: {};\n", done->left_over,
                                 fmt::join(done->maintenance, "; "));
  }
  return Status::OK();
}

}  // namespace

void AddParticipantRightsCommands(CLI::App& group, Context& context) {
  auto export_options = std::make_shared<ExportOptions>();
  CLI::App* exporter = group.add_subcommand(
      "export",
      "Write everything stored about one participant as JSON (AVG art. 15 and 20: access and "
      "portability)");
  exporter->add_option("ref", export_options->ref, "Participant reference")->required();
  exporter->add_option("--out", export_options->out,
                       "File to write (created readable by you only, never overwritten); "
                       "- (the default) for standard output");
  exporter->footer(
      "The JSON holds the participant's record and history, their trajectories, placements and\n"
      "every event about them; docs/security.md documents it.\n"
      "Example:\n  traject participant export P-1001 --out P-1001.json");
  OnRun(exporter, context, export_options, &RunExport);

  auto forget_options = std::make_shared<ForgetOptions>();
  CLI::App* forget = group.add_subcommand(
      "forget", "Erase one participant's personal data from the log and the records (AVG art. 17)");
  forget->add_option("ref", forget_options->ref, "Participant reference")->required();
  forget->add_flag("--yes", forget_options->yes, "Yes, erase it: this cannot be undone");
  forget->footer(
      "Their reference becomes a random pseudonym, their BSN hash and every note about them\n"
      "(reasons, evidence) are erased; dates, areas, programmes, placements and money stay,\n"
      "so aggregate reports count them as before, and `traject audit verify` still passes.\n"
      "Nothing more can be recorded about them afterwards. docs/security.md says what is kept\n"
      "and why.\n"
      "Example:\n  traject participant forget P-1001 --yes");
  OnRun(forget, context, forget_options, &RunForget);
}

}  // namespace traject::cli
