#include "runtime/abi/version.h"

extern "C" const char* osprey_jit_version(void) { return OSPREY_JIT_VERSION; }
