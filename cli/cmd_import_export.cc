#include <fmt/format.h>

#include <filesystem>

#include "commands.h"
#include "progress.h"
#include "traject/exchange.h"

namespace traject::cli {
namespace {

struct ImportOptions {
  std::vector<std::string> paths;
};

Status RunImport(Context& context, const ImportOptions& o) {
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<const PluginRegistry*> plugins = context.Plugins();
  if (!plugins.ok()) return plugins.status();
  CsvImportOptions options;
  options.catalogue = &(*plugins)->catalogue();
  // One progress line per file and pass, on a terminal only (Progress decides).
  std::unique_ptr<Progress> progress;
  std::string shown;
  options.progress = [&](const CsvProgress& p) {
    const std::string label = fmt::format("{} {}", p.checking ? "checking" : "importing",
                                          std::filesystem::path(p.path).filename().string());
    if (label != shown) {
      if (progress) progress->Finish();
      progress = std::make_unique<Progress>(label, p.size);
      shown = label;
    }
    progress->Update(p.bytes, p.rows);
  };
  Result<CsvImportSummary> summary = ImportCsv(**store, o.paths, options);
  if (progress) progress->Finish();
  if (!summary.ok()) return summary.status();
  if (context.format() == Format::kJson) {
    Json json;
    json.w().StartObject();
    json.Field("imported", summary->rows);
    json.Field("files", static_cast<std::int64_t>(summary->files));
    json.w().EndObject();
    json.Print(context.out());
  } else {
    context.out() << fmt::format("Imported {} row{} from {} file{}\n", summary->rows,
                                 summary->rows == 1 ? "" : "s", summary->files,
                                 summary->files == 1 ? "" : "s");
  }
  return Status::OK();
}

struct ExportOptions {
  std::string directory;
  bool csv = false;
};

Status RunExport(Context& context, const ExportOptions& o) {
  if (!o.csv && !context.options.csv) {
    return Status::InvalidArgument("choose a format: traject export --csv DIR");
  }
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<CsvExportSummary> summary = ExportCsv(**store, o.directory);
  if (!summary.ok()) return summary.status();
  context.out() << fmt::format("Exported {} participants to {} and {} events to {}\n",
                               summary->participants, summary->participants_path, summary->events,
                               summary->events_path);
  return Status::OK();
}

}  // namespace

void AddImportExportCommands(CLI::App& app, Context& context) {
  auto import_options = std::make_shared<ImportOptions>();
  CLI::App* import =
      app.add_subcommand("import", "Import participants and events from CSV (all or nothing)");
  import
      ->add_option("paths", import_options->paths,
                   "CSV files, or directories holding participants.csv / events.csv")
      ->required();
  import->footer(
      "Every row is checked before anything is written, and every bad row is listed as\n"
      "file:line:column. Example:\n  traject import export-2024/participants.csv "
      "export-2024/events.csv");
  OnRun(import, context, import_options, &RunImport);

  auto export_options = std::make_shared<ExportOptions>();
  CLI::App* exp =
      app.add_subcommand("export", "Export participants and events as CSV that import reads back");
  exp->add_flag("--csv", export_options->csv, "CSV format (participants.csv and events.csv)");
  exp->add_option("directory", export_options->directory,
                  "Target directory (created if missing, mode 700); its participants.csv and "
                  "events.csv are written mode 600 and replace files of your own, never a link "
                  "or another user's file")
      ->required();
  exp->footer("Example:\n  traject export --csv backup-2024-11");
  OnRun(exp, context, export_options, &RunExport);
}

}  // namespace traject::cli
