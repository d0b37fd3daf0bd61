// Lowering a validated ruleset to the rule IR.
#ifndef OSPREY_IR_LOWER_H_
#define OSPREY_IR_LOWER_H_

#include "absl/status/statusor.h"
#include "frontend/validate.h"
#include "ir/program.h"

namespace osprey::ir {

// Lowers `ruleset`, which must be valid (ruleset.valid). The program refers to the function
// signatures of the registry the ruleset was validated with. An error Status only for
// internal inconsistencies (a bug), never for user mistakes, which validation reports.
absl::StatusOr<Program> Lower(const frontend::ValidatedRuleset& ruleset);

}  // namespace osprey::ir

#endif  // OSPREY_IR_LOWER_H_
