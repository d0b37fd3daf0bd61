// Pattern set members (ir::Op::kPatternMatch): the interpreter's side of GroupPatternSets.
//
// A member reads its answer from its set, which searches the target once per action, when the
// first member that runs asks. Whenever the set cannot answer for a member — the pattern is
// outside what the automaton runs exactly (runtime/pattern_set.h), the target is not a string
// (None, a failure, a list), or the text is not valid UTF-8 — the member computes the node it
// replaced, through the same code as before grouping, so values and recorded errors are those
// of the one-by-one path.
#include "codegen/interpreter/evaluation.h"

namespace osprey::codegen {

using runtime::Value;

const std::vector<uint8_t>* Evaluation::PatternSetFound(int32_t set, const Value& text) {
  if (set_state_[set] == SetState::kUnknown) {
    const runtime::PatternSet& automaton = *interpreter_.pattern_sets_[set];
    set_state_[set] = automaton.Match(text.as_string(), set_found_[set]) ? SetState::kFound
                                                                         : SetState::kUndecided;
  }
  return set_state_[set] == SetState::kFound ? &set_found_[set] : nullptr;
}

void Evaluation::StorePendingMembers(int32_t set, const std::vector<uint8_t>& found,
                                     bool entity_target, int32_t current) {
  for (int32_t index : interpreter_.pattern_set_members_[set]) {
    const Interpreter::PatternMember& member = interpreter_.pattern_members_[index];
    const int32_t id = member.node;
    if (id == current || state_[id] != State::kPending) continue;
    if (!member.covered || (member.literal && entity_target)) continue;
    if (IsLaneNode(id)) continue;         // Compiled code computes it.
    StoreBool(id, member.Answer(found));  // As on the member's own turn.
    state_[id] = State::kDone;
  }
}

Evaluation::Outcome Evaluation::EvaluatePatternMatch(NodeView node) {
  const ir::PatternMatch& match = program_.pattern_matches[node.payload];
  const Interpreter::PatternMember& member = interpreter_.pattern_members_[node.payload];
  if (member.covered) {
    const Outcome& target = Get(program_.pattern_sets[match.set].target.value);
    // RegexMatch sees an entity as its id (spec §3.3.4); `in` does not unwrap.
    const Value* text = target ? &*target : nullptr;
    if (text != nullptr && !member.literal && text->kind() == Value::Kind::kEntity) {
      text = &text->as_entity().id;
    }
    if (text != nullptr && text->kind() == Value::Kind::kString) {
      const bool first_search = set_state_[match.set] == SetState::kUnknown;
      if (const std::vector<uint8_t>* found = PatternSetFound(match.set, *text)) {
        if (first_search) {
          StorePendingMembers(match.set, *found, target->kind() == Value::Kind::kEntity, node.id);
        }
        return Value::Bool(member.Answer(*found));
      }
    }
  }
  if (member.literal) return EvaluateCompare(node, static_cast<ir::CompareOp>(node.detail));
  return EvaluateCall(node, match.call);
}

}  // namespace osprey::codegen
