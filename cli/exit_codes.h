// The CLI's exit codes, documented in docs/cli.md. Scripts depend on them: do not renumber.
#ifndef TRAJECT_CLI_EXIT_CODES_H_
#define TRAJECT_CLI_EXIT_CODES_H_

#include "traject/status.h"

namespace traject::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,      // a bug, or an unexpected failure
  kExitUsage = 2,         // bad command line: unknown command or option, missing argument
  kExitInvalidInput = 3,  // a bad value or file, an illegal transition
  kExitNotFound = 4,      // no such participant, trajectory, programme, file...
  kExitConflict = 5,      // duplicate reference or id, already done
  kExitStorage = 6,       // the database cannot be opened or written
  kExitPlugin = 7,        // a plugin cannot be loaded, is incompatible or misbehaves
  kExitBusy = 8,          // another writer held the database past the busy timeout: retry
  kExitAuditFailed = 9,   // audit verify: the log was changed outside traject
};

inline int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case Status::Code::kOk:
      return kExitOk;
    case Status::Code::kInvalidArgument:
      return kExitInvalidInput;
    case Status::Code::kNotFound:
      return kExitNotFound;
    case Status::Code::kConflict:
      return kExitConflict;
    case Status::Code::kStorage:
      return kExitStorage;
    case Status::Code::kPlugin:
      return kExitPlugin;
    case Status::Code::kInternal:
      return kExitInternal;
    case Status::Code::kBusy:
      return kExitBusy;
    case Status::Code::kFailedPrecondition:
      return kExitInternal;  // the CLI used the library wrongly: a bug
  }
  return kExitInternal;
}

}  // namespace traject::cli

#endif  // TRAJECT_CLI_EXIT_CODES_H_
