// `traject report html OUT.html`: the dashboard. Not registered yet: the dashboard lands in its
// own change; until then the report group has no `html` subcommand.
#include "commands.h"

namespace traject::cli {

void AddDashboardCommand(CLI::App& report_group, Context& context) {
  (void)report_group;
  (void)context;
}

}  // namespace traject::cli
