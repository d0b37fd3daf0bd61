// The runtime side of runtime/abi/jit_abi.h: the helpers compiled code calls, over an
// Evaluation (the frame compiled code is handed is an Evaluation).
#ifndef OSPREY_CODEGEN_ENGINE_JIT_HELPERS_H_
#define OSPREY_CODEGEN_ENGINE_JIT_HELPERS_H_

#include "codegen/interpreter/evaluation.h"
#include "runtime/abi/jit_abi.h"

namespace osprey::codegen {

const OspreyJitHelpers& RuntimeJitHelpers();

inline OspreyFrame* AsFrame(Evaluation& evaluation) {
  return reinterpret_cast<OspreyFrame*>(&evaluation);
}

}  // namespace osprey::codegen

#endif  // OSPREY_CODEGEN_ENGINE_JIT_HELPERS_H_
