// Explanation: how an amount came about, so it can be shown to an employer, a participant or an
// auditor: the rule version, every input, every parameter with the date it took effect and its
// source, and each computation step with its exact value before rounding.
#ifndef TRAJECT_EXPLANATION_H_
#define TRAJECT_EXPLANATION_H_

#include <string>
#include <vector>

#include "traject/date.h"

namespace traject {

struct ExplainedInput {
  std::string name;   // e.g. "hours per week"
  std::string value;  // as given, e.g. "32.5"
};

struct ExplainedParameter {
  std::string name;          // e.g. "wml.hourly"
  std::string value;         // formatted, e.g. "€14.06"
  Date valid_from;           // the date this value took effect
  std::string source;        // where it comes from (law, regulation, override file)
  bool provisional = false;  // the date is past the last known period of this parameter
};

struct ExplainedStep {
  std::string label;     // e.g. "base = WML × 1.08"
  std::string formula;   // the numbers, e.g. "219336 × 10800 / 10000"
  std::string exact;     // the exact value before rounding, e.g. "236882.88"
  long long result = 0;  // the value carried on (cents, or a count)
  bool rounded = false;  // a rounding point (half away from zero to whole cents)
};

struct Explanation {
  std::string rule;  // rule and version, e.g. "loonkostensubsidie lks-2024"
  std::vector<ExplainedInput> inputs;
  std::vector<ExplainedParameter> parameters;
  std::vector<ExplainedStep> steps;
  bool provisional = false;  // any parameter provisional
};

}  // namespace traject

#endif  // TRAJECT_EXPLANATION_H_
