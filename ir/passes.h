// Passes over the rule IR. Each keeps node ids and their topological order.
#ifndef OSPREY_IR_PASSES_H_
#define OSPREY_IR_PASSES_H_

#include "ir/program.h"

namespace osprey::ir {

// Replaces integer arithmetic on constants by its result when that fits in int64. Intermediate
// results (and literals beyond int64) are exact to 127 bits, so `4611686018427387904 * 2 - 1`
// folds to INT64_MAX although its left operand does not fit in 64 bits, and
// `-9223372036854775808` folds to INT64_MIN; a node whose result does not fit in int64, or
// whose operands or result do not fit in 127 bits, is left to the runtime, which computes it
// exactly (with big ints). Only operations whose Python result is an int are folded (not `/`,
// nor `**` with a negative exponent). Returns the number of nodes folded.
int FoldConstants(Program& program);

// Makes identical pure nodes (same op, detail, operands and constant; for a call, the same
// function and arguments) that never record an error share one node, so that a subexpression
// written in many rules is computed once per action. Calls are shared only for a few stdlib
// functions whose arguments have exactly their declared types (StringLength(s=Name) in many
// rules) and for the label effects (LabelAdd(entity=UserId, label='spammer') in many
// WhenRules). Returns the number of nodes that became redundant (their users now read the
// shared node).
int ShareCommonSubexpressions(Program& program);

// Groups the tests of one text into pattern sets (Program::pattern_sets), so that an evaluator
// can answer many of them with one pass over the text instead of one search each:
//   - `RegexMatch(pattern=p, case_insensitive=c, target=t)` calls, by (t, c);
//   - `'literal' in t` and `'literal' not in t` where t is statically a str (or str | None),
//     with the case-sensitive RegexMatch calls of t.
// A group of at least `min_members` tests becomes one PatternSet; each test's node becomes a
// kPatternMatch with the same operands, detail, type and source. Run it after
// ShareCommonSubexpressions, so that tests of one text computed twice (e.g. the same f-string)
// share a target. Which
// members the set can really answer is the evaluator's business (runtime/pattern_set.h): the
// node keeps enough to compute its value alone. Returns the number of nodes rewritten.
//
// Why a pass rather than grouping inside each evaluator: the interpreter and the JIT then share
// one grouping decision, visible in IR dumps, and a set's patterns are plain data the JIT can
// hand to the runtime when the ruleset is compiled.
int GroupPatternSets(Program& program, int min_members = 2);

}  // namespace osprey::ir

#endif  // OSPREY_IR_PASSES_H_
