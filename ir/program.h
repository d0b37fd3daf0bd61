// The rule IR: a ruleset lowered to a dataflow graph of nodes addressed by integer ids.
//
// Every node's operands have smaller ids than the node itself, so increasing id order is a
// topological order: an evaluator can run nodes in id order and find every input computed.
// A name is not a node: a use of a feature or local is an edge to the node computing its value,
// so each feature is computed once per action however many rules read it (spec §4.2).
//
// A Program is immutable once built and refers to nothing outside itself except the function
// signatures of the registry it was lowered with, which must outlive it.
#ifndef OSPREY_IR_PROGRAM_H_
#define OSPREY_IR_PROGRAM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontend/const_value.h"
#include "frontend/json_path.h"
#include "frontend/types.h"
#include "frontend/udf_registry.h"

namespace osprey::ir {

struct NodeId {
  int32_t value = -1;
  bool valid() const { return value >= 0; }
  friend bool operator==(NodeId, NodeId) = default;
};

enum class Op : uint8_t {
  kConstant,      // constant = the value (None, bool, int, float, str, or a list of those)
  kFail,          // Always fails with a recorded error: message (an int literal beyond int64)
  kList,          // operands = items; fails if any item failed
  kFormatString,  // operands = fields; format = the literal pieces around them
  kBinary,        // detail = BinaryOp; operands = {left, right}
  kNot,           // operands = {x}
  kNegate,        // operands = {x}
  kCompare,       // detail = CompareOp; operands = {left, right}
  kAnd,           // operands = the conjuncts (no short-circuit)
  kOr,            // operands = the disjuncts (no short-circuit)
  kUnwrap,        // operands = {x}: Entity -> id, Rule -> bool, TimeDelta -> seconds, ...
  kCall,          // A function call: call = index into Program::calls
  kJsonData,      // JsonData / EntityJson: json = index into Program::json_reads
  kRule,          // rule = index into Program::rules; operands = {when_all list, description}
  kWhenRules,     // when_rules = index into Program::when_rules; operands = rules then effects
  kRequire,       // payload = index into Program::require_sites; operands = {path[, require_if]}
  // A member of a pattern set (GroupPatternSets): payload = index into Program::pattern_matches.
  // Operands, detail and value are those of the node it replaced (a RegexMatch call or a
  // `'literal' in text` comparison), which it still computes whenever the set cannot answer.
  kPatternMatch,
};

enum class BinaryOp : uint8_t {
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kFloorDivide,
  kModulo,
  kPower,
  kLeftShift,
  kRightShift,
  kBitOr,
  kBitXor,
  kBitAnd,
};
enum class CompareOp : uint8_t {
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kIn,
  kNotIn,
};

struct SourceRef {
  std::string path;  // File of the expression the node came from.
  uint32_t line = 0;
  uint32_t column = 0;
};

struct Node {
  Op op = Op::kConstant;
  uint8_t detail = 0;
  std::vector<NodeId> operands;
  int32_t payload = -1;  // Index into the side table for kCall/kJsonData/kRule/kWhenRules/kRequire.
  frontend::ConstValue constant;    // kConstant
  std::vector<std::string> format;  // kFormatString: operands.size() + 1 literal pieces
  std::string message;              // kFail
  frontend::Type type = nullptr;    // Static type (after unwrapping where the node unwraps).
  SourceRef source;
};

// A call of a function implemented natively.
struct Call {
  const frontend::UdfSignature* udf = nullptr;
  // For each declared parameter: the operand index giving its value, or -1 when the value is
  // constant (a ConstExpr argument or the parameter's default, in `constants`).
  std::vector<int32_t> operand_of_param;
  std::vector<std::optional<frontend::ConstValue>> constants;  // By parameter.
  // Extra keyword arguments (`**name`): their names; their values are the operands after
  // those of the declared parameters.
  std::vector<std::string> extra_names;
  // The feature or local the call is directly assigned to ("" otherwise): Experiment uses it.
  std::string assigned_name;
  // Dynamic result (ReturnKind::kDynamic): the annotation the value must satisfy.
  frontend::Type dynamic_result = nullptr;
};

// A JsonData or EntityJson read.
struct JsonRead {
  frontend::JsonPath path;
  std::string path_text;          // jsonpath-rw's print form, for error messages.
  frontend::Type type = nullptr;  // The annotation (for EntityJson: the id type).
  bool secret = false;            // Read secret_data (Secret[...] / ExtractSecret[...]).
  std::string entity_type;        // EntityJson only: non-empty.
  // `required` and `coerce_type`: constants, or operands when given as expressions.
  std::optional<bool> required;     // nullopt: operands[0] computes it
  std::optional<bool> coerce_type;  // nullopt: operands[required ? 0 : 1] computes it
};

struct Rule {
  std::string name;                  // The feature the rule is stored in.
  std::string description_template;  // Literal text, or the f-string template.
  // For an f-string description: the field names, and the operand index (into the node's
  // operands, after {when_all, description}) of each field's value.
  std::vector<std::string> field_names;
};

struct WhenRules {
  int32_t rule_count = 0;  // operands[0, rule_count) are rules_any items
  // The rest are `then` effects. When rules_any or then is not a list literal the statement
  // fails at run time, as in the reference.
  bool malformed = false;
};

struct Require {
  std::vector<int32_t> candidates;  // File indices the path may name.
  bool has_condition = false;       // operands[1] is require_if
};

// Regex and substring tests of one text, answered together by one pass over the text
// (GroupPatternSets in passes.h). The set has no node: an evaluator computes it for an action
// when the first of its members that runs needs it, at most once per action, and never for an
// action that runs none of them. `target` is an operand of every member, so it is computed
// before any of them.
struct PatternSet {
  struct Member {
    std::string pattern;  // Python `re` syntax, or the substring itself when `literal`.
    bool literal = false;
  };
  NodeId target;
  bool case_insensitive = false;  // Of the regex members; literal members are case-sensitive.
  std::vector<Member> members;
};

// What a kPatternMatch node computes.
struct PatternMatch {
  int32_t set = -1;     // Index into Program::pattern_sets.
  int32_t member = -1;  // Index into PatternSet::members.
  // The node before grouping: for RegexMatch, its call (index into Program::calls; operands =
  // {target}); -1 for `literal in target` (a kCompare, detail kIn or kNotIn, kept on the node;
  // operands = {literal, target}).
  int32_t call = -1;
};

// An exported feature (spec §4.7.1): `name` in the result map, with the value of `value`.
struct Feature {
  std::string name;
  NodeId value;
  int32_t file = -1;
};

struct File {
  std::string path;
  std::vector<NodeId> statements;     // The value node of every statement, in source order.
  std::vector<int32_t> imports;       // Files executed whenever this one is.
  std::vector<NodeId> require_nodes;  // kRequire nodes of this file.
  std::vector<int32_t> features;      // Indices into Program::features, exported when it runs.
};

struct Program {
  std::vector<Node> nodes;
  std::vector<Call> calls;
  std::vector<JsonRead> json_reads;
  std::vector<Rule> rules;
  std::vector<WhenRules> when_rules;
  std::vector<Require> require_sites;
  std::vector<PatternSet> pattern_sets;
  std::vector<PatternMatch> pattern_matches;
  std::vector<Feature> features;
  std::vector<File> files;  // Index = the frontend's FileId of the SML file.
  int32_t entry = -1;       // main.sml

  const Node& node(NodeId id) const { return nodes[id.value]; }
};

}  // namespace osprey::ir

#endif  // OSPREY_IR_PROGRAM_H_
