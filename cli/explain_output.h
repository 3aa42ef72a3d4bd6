// Printing an Explanation: as text for --explain, and as a JSON object.
#ifndef TRAJECT_CLI_EXPLAIN_OUTPUT_H_
#define TRAJECT_CLI_EXPLAIN_OUTPUT_H_

#include <ostream>

#include "output.h"
#include "traject/explanation.h"

namespace traject::cli {

void PrintExplanation(std::ostream& out, const Explanation& explanation);
void WriteExplanationJson(Json& json, const Explanation& explanation);

}  // namespace traject::cli

#endif  // TRAJECT_CLI_EXPLAIN_OUTPUT_H_
