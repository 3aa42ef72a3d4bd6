// ImportCsv and ExportCsv (traject/exchange.h): the two passes of an import, and the export
// that an import reads back.
#include "traject/exchange.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "exchange/csv_format.h"
#include "exchange/csv_reader.h"
#include "traject/csv_cell.h"
#include "util/private_file.h"

namespace traject {
namespace {

using exchange::CsvKind;
using exchange::CsvLayout;
using exchange::CsvReader;
using exchange::CsvRecord;

struct InputFile {
  std::string path;
  CsvLayout layout;
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
      if (!header.problem.ok()) return header.problem;
      Result<CsvLayout> layout = exchange::LayoutOfHeader(path, header);
      if (!layout.ok()) return layout.status();
      files.push_back({path, *layout});
    }
  }
  if (files.empty()) return Status::InvalidArgument("no files to import");
  std::stable_sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) {
    return a.layout.kind == CsvKind::kParticipants && b.layout.kind != CsvKind::kParticipants;
  });
  return files;
}

// Calls `on_row` for every data row (check record.problem); stops at the first non-OK status
// of `on_row`, or at an error that ends the reading (returned).
template <typename OnRow>
Status ForEachRow(const InputFile& file, bool checking, const CsvImportOptions& options,
                  OnRow&& on_row) {
  Result<CsvReader> reader = CsvReader::Open(file.path);
  if (!reader.ok()) return reader.status();
  CsvProgress progress{file.path, checking, 0, reader->size(), 0};
  CsvRecord record;
  reader->Next(record);  // the header, checked by Classify
  while (reader->Next(record)) {
    ++progress.rows;
    if (Status s = on_row(record); !s.ok()) return s;
    if (options.progress && (progress.rows & 1023) == 0) {
      progress.bytes = reader->position();
      options.progress(progress);
    }
  }
  if (options.progress) {
    progress.bytes = reader->size();
    options.progress(progress);
  }
  if (!reader->status().ok()) return reader->status();
  if (progress.rows == 0) {
    return Status::InvalidArgument(fmt::format("{}:2:1: no rows after the header", file.path));
  }
  return Status::OK();
}

}  // namespace

Result<CsvImportSummary> ImportCsv(Store& store, const std::vector<std::string>& paths,
                                   const CsvImportOptions& options) {
  Result<std::vector<InputFile>> files = Classify(paths);
  if (!files.ok()) return files.status();

  // Pass 1: check every row on its own without writing; list every bad one.
  std::vector<std::string> problems;
  std::size_t problem_count = 0;
  auto note = [&](const Status& problem) {
    if (problems.size() < options.max_problems) problems.push_back(problem.message());
    ++problem_count;
  };
  for (const InputFile& file : *files) {
    Status read = ForEachRow(file, true, options, [&](const CsvRecord& record) {
      Result<Command> command =
          exchange::ParseRow(file.path, file.layout, record, options.catalogue);
      if (!command.ok()) note(command.status());
      return Status::OK();
    });
    if (!read.ok()) note(read);
  }
  if (problem_count > 0) {
    std::string message =
        fmt::format("nothing imported: {} problem{}", problem_count, problem_count == 1 ? "" : "s");
    for (const std::string& p : problems) message += "\n  " + p;
    if (problem_count > problems.size()) {
      message += fmt::format("\n  ... and {} more", problem_count - problems.size());
    }
    return Status::InvalidArgument(message);
  }

  // Pass 2: record everything in one transaction; the first contradiction rolls all back.
  Result<std::unique_ptr<WriteBatch>> batch = store.BeginBatch();
  if (!batch.ok()) return batch.status();
  CsvImportSummary summary;
  for (const InputFile& file : *files) {
    Status recorded = ForEachRow(file, false, options, [&](const CsvRecord& record) -> Status {
      Result<Command> command =
          exchange::ParseRow(file.path, file.layout, record, options.catalogue);
      if (!command.ok()) return command.status();
      Result<Recorded> result = (*batch)->Record(*command);
      if (!result.ok()) {
        const Status& s = result.status();
        return s.WithContext(fmt::format("{}:{}:{}", file.path, record.line,
                                         exchange::ColumnOf(file.layout, record, s.field())));
      }
      ++summary.rows;
      return Status::OK();
    });
    if (!recorded.ok()) return recorded.WithContext("nothing imported");
  }
  if (Status s = (*batch)->Commit(); !s.ok()) return s.WithContext("nothing imported");
  summary.files = files->size();
  return summary;
}

Result<CsvExportSummary> ExportCsv(Store& store, const std::string& directory) {
  if (directory.empty()) return Status::InvalidArgument("the export directory's name is empty");
  std::error_code error;
  // Made for the export: its owner's alone (an existing directory is left as it is).
  if (std::filesystem::create_directories(directory, error)) {
    std::filesystem::permissions(directory, std::filesystem::perms::owner_all, error);
  }
  if (error) {
    return Status::InvalidArgument(
        fmt::format("{}: cannot create: {}", directory, error.message()));
  }
  CsvExportSummary summary;
  summary.participants_path = (std::filesystem::path(directory) / "participants.csv").string();
  summary.events_path = (std::filesystem::path(directory) / "events.csv").string();
  // Private files, each given its name only once complete; a file of the user's own from an
  // earlier export is replaced, anything else at those names (a link, another user's file) is
  // refused before anything is written.
  Result<std::unique_ptr<files::PrivateFile>> participants_file =
      files::PrivateFile::Create(summary.participants_path, ExistingFile::kReplaceOwn);
  if (!participants_file.ok()) return participants_file.status();
  Result<std::unique_ptr<files::PrivateFile>> events_file =
      files::PrivateFile::Create(summary.events_path, ExistingFile::kReplaceOwn);
  if (!events_file.ok()) return events_file.status();
  std::ostream& participants = (*participants_file)->out();
  std::ostream& events = (*events_file)->out();
  auto write = [](std::ostream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << CsvCell(fields[i]);
    out << "\r\n";
  };
  write(participants, exchange::ParticipantColumns());
  write(events, exchange::EventColumns());
  std::vector<std::string> row;
  Status visited = store.ForEachEvent([&](const Event& event) {
    if (event.caused_by) return Status::OK();  // derived again on import
    CsvKind kind;
    if (!exchange::ToRow(event.payload, &kind, &row)) return Status::OK();
    write(kind == CsvKind::kParticipants ? participants : events, row);
    ++(kind == CsvKind::kParticipants ? summary.participants : summary.events);
    return Status::OK();
  });
  if (!visited.ok()) return visited;
  if (Status s = (*participants_file)->Commit(); !s.ok()) return s;
  if (Status s = (*events_file)->Commit(); !s.ok()) return s;
  return summary;
}

}  // namespace traject
