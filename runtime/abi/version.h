// The osprey-jit version, for embedders and for JIT-compiled code.
//
// Part of the plain-C ABI (runtime/abi/): this header compiles as C and as C++, includes
// nothing, and only declares extern "C" functions.
#ifndef OSPREY_RUNTIME_ABI_VERSION_H_
#define OSPREY_RUNTIME_ABI_VERSION_H_

// The version of the sources this library was built from, "MAJOR.MINOR.PATCH". Must equal the
// VERSION in the top-level CMakeLists.txt's project(); tests/runtime/version_test.cc checks it.
#define OSPREY_JIT_VERSION "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

// Returns the version of the linked osprey_runtime library, equal to the OSPREY_JIT_VERSION it
// was compiled with. An embedder compares it with its own OSPREY_JIT_VERSION to detect a header
// / library mismatch. The result is a static NUL-terminated string: never NULL, never freed by
// the caller, valid for the life of the process. Thread-safe.
const char* osprey_jit_version(void);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // OSPREY_RUNTIME_ABI_VERSION_H_
