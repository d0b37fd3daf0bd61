// A stable text form of a Program, for golden tests and `osprey-jit compile --dump-ir`.
#ifndef OSPREY_IR_PRINTER_H_
#define OSPREY_IR_PRINTER_H_

#include <string>

#include "ir/program.h"

namespace osprey::ir {

// One line per node (`%3 = binary + %1, %2 : int`), then per file its imports, requires,
// statements and exported features. Source positions are left out so goldens survive edits
// that move code.
std::string PrintProgram(const Program& program);

}  // namespace osprey::ir

#endif  // OSPREY_IR_PRINTER_H_
