#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "commands.h"
#include "csv_format.h"
#include "progress.h"

namespace traject::cli {
namespace {

// At most this many problems are listed from the validation pass; the count says how many more.
constexpr std::size_t kMaxReportedProblems = 50;

struct ImportOptions {
  std::vector<std::string> paths;
};

struct InputFile {
  std::string path;
  CsvKind kind = CsvKind::kEvents;
};

// Reads the header of each file; participants files go first (registrations before events).
Result<std::vector<InputFile>> Classify(const std::vector<std::string>& paths) {
  std::vector<InputFile> files;
  for (const std::string& given : paths) {
    std::vector<std::string> expanded;
    if (std::filesystem::is_directory(given)) {
      for (const char* name : {"participants.csv", "events.csv"}) {
        const auto path = std::filesystem::path(given) / name;
        if (std::filesystem::exists(path)) expanded.push_back(path.string());
      }
      if (expanded.empty()) {
        return Status::NotFound(
            fmt::format("{}: no participants.csv or events.csv in this directory", given));
      }
    } else {
      expanded.push_back(given);
    }
    for (const std::string& path : expanded) {
      Result<CsvReader> reader = CsvReader::Open(path);
      if (!reader.ok()) return reader.status();
      CsvRecord header;
      if (!reader->Next(header)) {
        if (!reader->status().ok()) return reader->status();
        return Status::InvalidArgument(
            fmt::format("{}:1:1: empty file: expected a header line", path));
      }
      Result<CsvKind> kind = KindOfHeader(path, header);
      if (!kind.ok()) return kind.status();
      files.push_back({path, *kind});
    }
  }
  std::stable_sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) {
    return a.kind == CsvKind::kParticipants && b.kind != CsvKind::kParticipants;
  });
  return files;
}

// Calls `on_row` for every data row; stops on a CSV syntax error (returned).
template <typename OnRow>
Status ForEachRow(const InputFile& file, const char* what, OnRow&& on_row) {
  Result<CsvReader> reader = CsvReader::Open(file.path);
  if (!reader.ok()) return reader.status();
  Progress progress(
      fmt::format("{} {}", what, std::filesystem::path(file.path).filename().string()),
      reader->size());
  CsvRecord record;
  reader->Next(record);  // header, checked by Classify
  std::int64_t rows = 0;
  while (reader->Next(record)) {
    ++rows;
    if (Status s = on_row(record); !s.ok()) return s;
    if ((rows & 1023) == 0) progress.Update(reader->position(), rows);
  }
  progress.Update(reader->size(), rows);
  if (!reader->status().ok()) return reader->status();
  if (rows == 0) {
    return Status::InvalidArgument(fmt::format("{}:2:1: no rows after the header", file.path));
  }
  return Status::OK();
}

Status RunImport(Context& context, const ImportOptions& o) {
  Result<std::vector<InputFile>> files = Classify(o.paths);
  if (!files.ok()) return files.status();
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<const PluginRegistry*> plugins = context.Plugins();
  if (!plugins.ok()) return plugins.status();
  const ProgrammeCatalogue* catalogue = &(*plugins)->catalogue();

  // Pass 1: validate every row without writing; report every malformed one.
  std::vector<std::string> problems;
  std::size_t problem_count = 0;
  for (const InputFile& file : *files) {
    Status syntax = ForEachRow(file, "checking", [&](const CsvRecord& record) {
      Result<Command> command = ParseRow(file.path, file.kind, record, catalogue);
      if (!command.ok()) {
        if (problems.size() < kMaxReportedProblems) problems.push_back(command.status().message());
        ++problem_count;
      }
      return Status::OK();
    });
    if (!syntax.ok()) {
      problems.push_back(syntax.message());
      ++problem_count;
    }
  }
  if (problem_count > 0) {
    std::string message =
        fmt::format("nothing imported: {} problem{}", problem_count, problem_count == 1 ? "" : "s");
    for (const std::string& p : problems) message += "\n  " + p;
    if (problem_count > problems.size())
      message += fmt::format("\n  ... and {} more", problem_count - problems.size());
    return Status::InvalidArgument(message);
  }

  // Pass 2: record everything in one transaction; the first contradiction rolls all back.
  Result<std::unique_ptr<WriteBatch>> batch = (*store)->BeginBatch();
  if (!batch.ok()) return batch.status();
  std::int64_t imported = 0;
  for (const InputFile& file : *files) {
    Status recorded = ForEachRow(file, "importing", [&](const CsvRecord& record) -> Status {
      Result<Command> command = ParseRow(file.path, file.kind, record, catalogue);
      if (!command.ok()) return command.status();
      Result<Recorded> result = (*batch)->Record(*command);
      if (!result.ok()) {
        return Status(result.status())
            .WithContext(
                fmt::format("{}:{}:{}", file.path, record.line, KeyColumn(file.kind, record)));
      }
      ++imported;
      return Status::OK();
    });
    if (!recorded.ok()) return recorded.WithContext("nothing imported");
  }
  if (Status s = (*batch)->Commit(); !s.ok()) return s;
  if (context.format() == Format::kJson) {
    Json json;
    json.w().StartObject();
    json.Field("imported", imported);
    json.w().EndObject();
    json.Print(context.out());
  } else {
    context.out() << fmt::format("Imported {} rows from {} file{}\n", imported, files->size(),
                                 files->size() == 1 ? "" : "s");
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
  std::error_code error;
  std::filesystem::create_directories(o.directory, error);
  if (error)
    return Status::InvalidArgument(
        fmt::format("{}: cannot create: {}", o.directory, error.message()));
  const std::string participants_path =
      (std::filesystem::path(o.directory) / "participants.csv").string();
  const std::string events_path = (std::filesystem::path(o.directory) / "events.csv").string();
  std::ofstream participants(participants_path, std::ios::binary | std::ios::trunc);
  std::ofstream events(events_path, std::ios::binary | std::ios::trunc);
  if (!participants || !events)
    return Status::InvalidArgument(fmt::format("{}: cannot write", o.directory));
  auto write = [](std::ofstream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << CsvField(fields[i]);
    out << "\r\n";
  };
  write(participants, ParticipantColumns());
  write(events, EventColumns());
  std::int64_t participant_rows = 0, event_rows = 0;
  std::vector<std::string> row;
  Status visited = (*store)->ForEachEvent([&](const Event& event) {
    if (event.caused_by) return Status::OK();  // derived again on import
    CsvKind kind;
    if (!ToRow(event.payload, &kind, &row)) return Status::OK();
    write(kind == CsvKind::kParticipants ? participants : events, row);
    ++(kind == CsvKind::kParticipants ? participant_rows : event_rows);
    return Status::OK();
  });
  if (!visited.ok()) return visited;
  participants.close();
  events.close();
  if (!participants || !events)
    return Status::Storage(fmt::format("{}: write failed", o.directory));
  context.out() << fmt::format("Exported {} participants to {} and {} events to {}\n",
                               participant_rows, participants_path, event_rows, events_path);
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
      "Every row is validated before anything is written; errors read file:line:column.\n"
      "Example:\n  traject import export-2024/participants.csv export-2024/events.csv");
  OnRun(import, context, import_options, &RunImport);

  auto export_options = std::make_shared<ExportOptions>();
  CLI::App* exp =
      app.add_subcommand("export", "Export participants and events as CSV that import reads back");
  exp->add_flag("--csv", export_options->csv, "CSV format (participants.csv and events.csv)");
  exp->add_option("directory", export_options->directory, "Target directory (created if missing)")
      ->required();
  exp->footer("Example:\n  traject export --csv backup-2024-11");
  OnRun(exp, context, export_options, &RunExport);
}

}  // namespace traject::cli
