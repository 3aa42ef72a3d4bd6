// The CSV exchange format of `traject export --csv` and `traject import` (docs/cli.md,
// "Import and export"). Two files:
//
//   participants.csv  ref,registered,birth,area,cohort,groups,bsn_verified
//   events.csv        kind,date,ref,trajectory,placement,programme,track,milestone,state,
//                     exit_reason,employer,hours,wage,percent,role,name,contact,text
//
// participants.csv holds the registrations; events.csv every later command in order, one per
// row, using the columns its kind needs (the rest empty). Dates are YYYY-MM-DD, wages euros
// with two decimals, hours like 32.5, groups ';'-separated. Column names are persisted in
// users' files: never rename or reorder them; add columns only at the end.
#ifndef TRAJECT_CLI_CSV_FORMAT_H_
#define TRAJECT_CLI_CSV_FORMAT_H_

#include <string>
#include <vector>

#include "csv.h"
#include "traject/catalogue.h"
#include "traject/events.h"

namespace traject::cli {

enum class CsvKind { kParticipants, kEvents };

const std::vector<std::string>& ParticipantColumns();
const std::vector<std::string>& EventColumns();

// The kind of file a header names; InvalidArgument "file:1:1: ..." otherwise.
Result<CsvKind> KindOfHeader(const std::string& path, const CsvRecord& header);

// One row -> one command. Errors are "file:line:column: reason" for the field at fault.
// With a catalogue, programme and track ids are checked against it.
Result<Command> ParseRow(const std::string& path, CsvKind kind, const CsvRecord& record,
                         const ProgrammeCatalogue* catalogue);

// The column a store error about this row most likely concerns (1-based), for positions.
std::int64_t KeyColumn(CsvKind kind, const CsvRecord& record);

// One command -> one row of its file; false for kinds that are not exported
// (organisation.created, and events caused by another).
bool ToRow(const EventPayload& payload, CsvKind* kind, std::vector<std::string>* row);

}  // namespace traject::cli

#endif  // TRAJECT_CLI_CSV_FORMAT_H_
