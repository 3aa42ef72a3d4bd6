// Fuzz target: the CSV importer's parsing layers as ImportCsv's checking pass runs them: the
// streaming reader (exchange/csv_reader.cc) over the input as a file, the header's layout and
// every row turned into a command (exchange/csv_format.cc). A file whose first record is no
// known header is read as rows of the layout its first byte picks (participants, events,
// events of traject 0.1), so that mutated inputs reach the row parser without a header.
//
// Invariants: no crash, no exception; each record has a column per field, at or after the line
// of the one before; a good record's fields are valid UTF-8; every error names the file and
// repeats no 9-digit run of the input (docs/security.md: messages never repeat values); a row
// that becomes a command exports (ToRow, as ExportCsv writes it) to a row that parses back to
// the same command (what ExportCsv writes, ImportCsv reads back).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/csv_format.h"
#include "exchange/csv_reader.h"
#include "fuzz_util.h"
#include "traject/events.h"
#include "util/text.h"

using namespace traject;
using exchange::CsvKind;
using exchange::CsvLayout;
using exchange::CsvRecord;

namespace {

void CheckError(const Status& status, const std::string& path, std::string_view input) {
  FUZZ_CHECK(status.code() == Status::Code::kInvalidArgument, status.ToString());
  FUZZ_CHECK(status.message().starts_with(path + ":"), status.ToString());
  fuzz::CheckNoNineDigitRunRepeated(input, status, path);
}

// ToRow, then ParseRow of that row: the same command.
void CheckRoundTrip(const Command& command, const std::string& path) {
  const EventPayload payload = ToPayload(command);
  CsvKind kind = CsvKind::kEvents;
  std::vector<std::string> row;
  FUZZ_CHECK(exchange::ToRow(payload, &kind, &row), "a command that is not exported");
  const std::size_t columns = kind == CsvKind::kParticipants ? exchange::ParticipantColumns().size()
                                                             : exchange::EventColumns().size();
  FUZZ_CHECK(row.size() == columns, "ToRow gave a row of another width");
  CsvRecord exported;
  exported.line = 2;
  exported.fields = row;
  for (std::size_t i = 0; i < row.size(); ++i) exported.columns.push_back(1 + 2 * i);
  Result<Command> back = exchange::ParseRow(path, CsvLayout{kind, columns}, exported, nullptr);
  FUZZ_CHECK(back.ok(), "an exported row is refused: " + back.status().ToString());
  FUZZ_CHECK(EncodePayload(ToPayload(*back)) == EncodePayload(payload),
             "an exported row reads back differently:\n  " + EncodePayload(payload) + "\n  " +
                 EncodePayload(ToPayload(*back)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string path = fuzz::WriteInput(input, "import.csv");
  Result<exchange::CsvReader> reader = exchange::CsvReader::Open(path);
  FUZZ_CHECK(reader.ok(), reader.status().ToString());

  const CsvLayout picked[] = {
      {CsvKind::kParticipants, exchange::ParticipantColumns().size()},
      {CsvKind::kEvents, exchange::EventColumns().size()},
      {CsvKind::kEvents, 18},  // traject 0.1
  };
  CsvLayout layout;
  bool header = true;
  std::int64_t last_line = 0;
  CsvRecord record;
  while (reader->Next(record)) {
    FUZZ_CHECK(record.fields.size() == record.columns.size(), "a field without its column");
    FUZZ_CHECK(record.line >= last_line && record.line >= 1, "lines go back");
    FUZZ_CHECK(reader->position() <= reader->size(), "read past the end");
    last_line = record.line;
    if (record.problem.ok()) {
      for (const std::string& field : record.fields) {
        FUZZ_CHECK(text::IsValidUtf8(field), "a field of a good record is not UTF-8");
      }
      for (std::int64_t column : record.columns) FUZZ_CHECK(column >= 1, "column < 1");
    } else {
      CheckError(record.problem, path, input);
    }
    if (header) {
      header = false;
      Result<CsvLayout> named = exchange::LayoutOfHeader(path, record);
      if (named.ok()) {
        layout = *named;
        continue;
      }
      CheckError(named.status(), path, input);
      layout = picked[size > 0 ? data[0] % 3 : 0];
    }
    Result<Command> command = exchange::ParseRow(path, layout, record, nullptr);
    if (!command.ok()) {
      CheckError(command.status(), path, input);
      continue;
    }
    FUZZ_CHECK(ValidateCommand(*command).ok(), "ParseRow returned a command that is not valid");
    CheckRoundTrip(*command, path);
  }
  if (!reader->status().ok()) CheckError(reader->status(), path, input);
  return 0;
}
