#include "tools/heap_allocations.h"

namespace osprey::tools {

std::atomic<uint64_t> heap_allocations{0};
bool heap_allocations_counted = false;

}  // namespace osprey::tools
