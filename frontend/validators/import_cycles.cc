// ImportsMustNotHaveCycles (spec §3.2.3). The module graph, built by CheckCallKwargs, finds and
// reports the cycles; this validator only carries the result into the pipeline's dependencies.
#include "frontend/internal/validation_context.h"

namespace osprey::frontend::internal {

bool CheckImportCycles(ValidationContext& ctx) { return !ctx.result.parsed.graph.has_import_cycle; }

}  // namespace osprey::frontend::internal
