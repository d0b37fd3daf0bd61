// A count of the process's C++ heap allocations (operator new), for benchmarks that show how
// many allocations evaluating an action costs. The count is kept only in binaries that link
// tools/counting_new.cc (the osprey-jit executable); elsewhere it stays unavailable.
#ifndef OSPREY_TOOLS_HEAP_ALLOCATIONS_H_
#define OSPREY_TOOLS_HEAP_ALLOCATIONS_H_

#include <atomic>
#include <cstdint>

namespace osprey::tools {

// Incremented by every operator new of a counting binary.
extern std::atomic<uint64_t> heap_allocations;
// True in a counting binary.
extern bool heap_allocations_counted;

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_HEAP_ALLOCATIONS_H_
