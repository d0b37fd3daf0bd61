// Random well-typed SML rulesets, for differential tests of the engines
// (tests/codegen/jit_differential_test.cc, which also draws the actions).
//
// The generator tracks the static type of every feature it defines, so that what it writes
// passes validation; it aims at the JIT's inline paths and their edges (scalar arithmetic and
// comparisons on int/float/bool/None features that may be missing, null, of the wrong kind or
// near the int64 limits) as much as at the helper calls around them (strings, lists, rules,
// WhenRules, labels, Import and Require).
#ifndef OSPREY_TESTS_CODEGEN_RANDOM_RULESET_H_
#define OSPREY_TESTS_CODEGEN_RANDOM_RULESET_H_

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::testing {

struct RandomRuleset {
  // Path relative to the rules root (main.sml, lib.sml, config/labels.yaml, ...) -> text.
  std::map<std::string, std::string> files;
  // Keys of `data` the rules read, each with the kind its first reader expects ("int",
  // "float", "bool", "str", "list_int", "list_str", "entity"), so actions can favour it.
  std::map<std::string, std::string> fields;
  // Action names an action may carry; some have their own file, required by name.
  std::vector<std::string> action_names;

  // Every file, each under a "# ---- <path>" header, for failure messages.
  std::string Describe() const;
};

// A ruleset drawn from `rng`: at most a few dozen statements over up to four files.
RandomRuleset GenerateRuleset(std::mt19937_64& rng);

// "a|b|c" -> {"a", "b", "c"}: the value tables here and in the test are written this way, one
// string each, because clang-format lays out long arrays of strings one item per line.
std::vector<std::string_view> SplitTable(std::string_view table, char separator = '|');

}  // namespace osprey::testing

#endif  // OSPREY_TESTS_CODEGEN_RANDOM_RULESET_H_
