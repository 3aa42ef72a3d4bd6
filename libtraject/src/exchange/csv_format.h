// The CSV exchange format (docs/cli.md, "Import and export"): one command per row. Two files:
//
//   participants.csv  ref,registered,birth,area,cohort,groups,bsn_verified
//   events.csv        kind,date,ref,trajectory,placement,programme,track,milestone,state,
//                     exit_reason,employer,hours,wage,percent,role,name,contact,text,
//                     changed,area,cohort,groups,birth,start,end,assessed,reached,evidence
//
// participants.csv holds the registrations; events.csv every later command in order, using the
// columns its kind needs (the rest empty): `date` is the event's effective date, `text` its free
// text (a reason, or a milestone's evidence). Corrections list the fields that carry a new value
// in `changed` (';'-separated), because an empty new value (no area) differs from no change.
// Dates are YYYY-MM-DD, wages euros with two decimals, hours like 32.5, groups ';'-separated.
//
// Column names are persisted in users' files: never rename or reorder them; add columns only at
// the end. events.csv files of traject 0.1 (the first 18 columns) are still read.
#ifndef TRAJECT_EXCHANGE_CSV_FORMAT_H_
#define TRAJECT_EXCHANGE_CSV_FORMAT_H_

#include <string>
#include <vector>

#include "exchange/csv_reader.h"
#include "traject/catalogue.h"
#include "traject/events.h"

namespace traject::exchange {

enum class CsvKind { kParticipants, kEvents };

struct CsvLayout {
  CsvKind kind = CsvKind::kEvents;
  std::size_t columns = 0;  // how many columns the file's header has
};

const std::vector<std::string>& ParticipantColumns();
const std::vector<std::string>& EventColumns();

// The layout a header names; InvalidArgument "file:line:1: ..." otherwise.
Result<CsvLayout> LayoutOfHeader(const std::string& path, const CsvRecord& header);

// One row -> one command, checked with ValidateCommand. Errors are "file:line:column: reason"
// for the field at fault. With a catalogue, programme and track ids are checked against it.
Result<Command> ParseRow(const std::string& path, const CsvLayout& layout, const CsvRecord& record,
                         const ProgrammeCatalogue* catalogue);

// The 1-based column of the row that holds a command field (Status::field()); the first
// column when the field has none.
std::int64_t ColumnOf(const CsvLayout& layout, const CsvRecord& record, const std::string& field);

// One event -> one row of its file (every column of EventColumns); false for events that are
// not exported (organisation.created).
bool ToRow(const EventPayload& payload, CsvKind* kind, std::vector<std::string>* row);

}  // namespace traject::exchange

#endif  // TRAJECT_EXCHANGE_CSV_FORMAT_H_
