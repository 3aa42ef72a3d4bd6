// `traject keygen FILE`: a new secret key for --bsn-key-file, --audit-key-file or a backup's
// --key-file (traject/key_file.h).
#include <fmt/format.h>

#include "commands.h"
#include "traject/key_file.h"

namespace traject::cli {
namespace {

struct KeygenCommand {
  std::string file;
};

Status RunKeygen(Context& context, const KeygenCommand& o) {
  if (Status s = context.RefuseCsv("keygen"); !s.ok()) return s;
  if (Status s = WriteNewKeyFile(o.file); !s.ok()) return s;
  if (context.format() == Format::kJson) {
    Json json;
    json.w().StartObject();
    json.Field("file", o.file);
    json.w().EndObject();
    json.Print(context.out());
    return Status::OK();
  }
  context.out() << fmt::format(
      "Wrote a new key to {} (mode 600). Keep a copy apart from the database and its backups: "
      "what it protects cannot be read or found without it.\n",
      o.file);
  return Status::OK();
}

}  // namespace

void AddKeygenCommand(CLI::App& app, Context& context) {
  auto options = std::make_shared<KeygenCommand>();
  CLI::App* keygen = app.add_subcommand(
      "keygen", "Write a new random secret key to a new file (for the BSN, audit or backup key)");
  keygen->add_option("file", options->file, "Key file to create (mode 600; never overwritten)")
      ->required();
  keygen->footer(
      "32 random bytes from the system's generator, in base64. One key per purpose: do not use\n"
      "the BSN key as the audit or backup key.\n"
      "Example:\n  traject keygen ~/.traject/backup.key\n"
      "  traject --db amsterdam.db backup --key-file ~/.traject/backup.key nightly.traject");
  OnRun(keygen, context, options, &RunKeygen);
}

}  // namespace traject::cli
