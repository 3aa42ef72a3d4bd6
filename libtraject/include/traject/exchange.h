// CSV exchange: moving one organisation's data out of a database and into another as the two
// CSV files people can open in a spreadsheet, participants.csv and events.csv. The format (one
// command per row, its columns and their order) is in docs/cli.md, "Import and export";
// ExportCsv writes what ImportCsv reads back into an empty organisation, to identical reports.
//
// Thread safety: as Store (one call at a time per Store).
#ifndef TRAJECT_EXCHANGE_H_
#define TRAJECT_EXCHANGE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "traject/catalogue.h"
#include "traject/export.h"
#include "traject/status.h"
#include "traject/store.h"

namespace traject {

struct CsvProgress {
  std::string path;        // the file being read
  bool checking = false;   // true in the checking pass, false while recording
  std::int64_t bytes = 0;  // bytes of this file read so far
  std::int64_t size = 0;   // bytes in this file
  std::int64_t rows = 0;   // data rows of this file so far
};

struct CsvImportOptions {
  // Programmes to check programme and track ids against in the checking pass. Default nullptr:
  // they are checked only when recorded (by the store's catalogue).
  const ProgrammeCatalogue* catalogue = nullptr;
  // At most this many problems are listed; the message counts the rest. Default 50.
  std::size_t max_problems = 50;
  // Called every 1024 rows and at the end of each file. Default: none.
  std::function<void(const CsvProgress&)> progress;
};

struct CsvImportSummary {
  std::int64_t rows = 0;  // data rows recorded
  std::size_t files = 0;  // files read
};

// Imports CSV files, or directories that hold participants.csv and/or events.csv, into the
// store's organisation; participants files are read first. All or nothing:
//   1. every row of every file is read and checked on its own (CSV syntax, the columns of its
//      kind, ValidateCommand), and every bad row is listed, also after rows with invalid UTF-8;
//   2. only then are the rows recorded in one write batch, each decided against the state the
//      earlier rows made; the first row that contradicts the data rolls everything back.
// Accepts files as people make them: a UTF-8 byte-order mark, CRLF or LF, quoted fields with
// line breaks (RFC 4180). Errors name "file:line:column" of the field at fault:
// InvalidArgument "nothing imported: N problems" with one line per problem; NotFound for a
// missing file or a directory without either file; any Store error of the failing row.
TRAJECT_EXPORT Result<CsvImportSummary> ImportCsv(Store& store,
                                                  const std::vector<std::string>& paths,
                                                  const CsvImportOptions& options = {});

struct CsvExportSummary {
  std::string participants_path;
  std::string events_path;
  std::int64_t participants = 0;  // rows written to participants.csv
  std::int64_t events = 0;        // rows written to events.csv
};

// Writes participants.csv and events.csv of the store's organisation into `directory` (created
// if missing, mode 700). Every event a user recorded becomes one row, in log order; events the
// store derived (caused_by) are derived again on import. Each file is written as
// traject/private_file.h says (mode 600, complete or not at all) with ExistingFile::kReplaceOwn:
// the user's own files from an earlier export are replaced; a symbolic link, a directory or
// another user's file at either name is refused before anything is written.
// Errors: InvalidArgument when the directory cannot be made or a name is refused; Storage when
// writing fails; the store's errors.
TRAJECT_EXPORT Result<CsvExportSummary> ExportCsv(Store& store, const std::string& directory);

}  // namespace traject

#endif  // TRAJECT_EXCHANGE_H_
