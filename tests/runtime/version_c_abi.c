/* Compiles runtime/abi/version.h as C, proving the ABI header is plain C. */
#include "runtime/abi/version.h"

const char* osprey_test_version_seen_from_c(void);

const char* osprey_test_version_seen_from_c(void) { return osprey_jit_version(); }
