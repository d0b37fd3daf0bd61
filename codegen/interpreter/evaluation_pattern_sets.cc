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

bool Evaluation::SearchPatternSet(const Interpreter::PatternMember& member) {
  const int32_t set = member.set;
  const Outcome& target = Get(program_.pattern_sets[set].target.value);
  // RegexMatch sees an entity as its id (spec §3.3.4); `in` does not unwrap.
  const Value* text = target ? &*target : nullptr;
  if (text != nullptr && !member.literal && text->kind() == Value::Kind::kEntity) {
    text = &text->as_entity().id;
  }
  if (text == nullptr || text->kind() != Value::Kind::kString) return false;
  const runtime::PatternSet& automaton = *interpreter_.pattern_sets_[set];
  if (!automaton.Match(text->as_string(), set_found_[set])) {
    set_state_[set] = SetState::kUndecided;
    return false;
  }
  set_state_[set] = SetState::kFound;
  set_target_is_entity_[set] = target->kind() == Value::Kind::kEntity;
  if (set_has_runtime_members_[set]) StorePendingMembers(set, member.node);
  return true;
}

void Evaluation::StorePendingMembers(int32_t set, int32_t current) {
  for (int32_t index : interpreter_.pattern_set_members_[set]) {
    const int32_t id = interpreter_.pattern_members_[index].node;
    if (id == current || state_[id] != State::kPending) continue;
    if (IsLaneNode(id)) continue;                 // Compiled code computes it.
    const int32_t answer = AnswerFromSet(index);  // As on the member's own turn.
    if (answer < 0) continue;
    StoreBool(id, answer == 1);
    state_[id] = State::kDone;
  }
}

int32_t Evaluation::AnswerFromSet(int32_t match_index) {
  // Every member of a searched set comes here: the common case is a few loads.
  const Interpreter::PatternMember& member = interpreter_.pattern_members_[match_index];
  if (!member.covered) return -1;
  switch (set_state_[member.set]) {
    case SetState::kUnknown:
      if (!SearchPatternSet(member)) return -1;
      break;
    case SetState::kUndecided:
      return -1;
    case SetState::kFound:
      break;
  }
  if (member.literal && set_target_is_entity_[member.set]) return -1;
  return member.Answer(set_found_[member.set]) ? 1 : 0;
}

Evaluation::Outcome Evaluation::EvaluatePatternMatch(NodeView node) {
  const int32_t answer = AnswerFromSet(node.payload);
  if (answer >= 0) return Value::Bool(answer == 1);
  const ir::PatternMatch& match = program_.pattern_matches[node.payload];
  if (interpreter_.pattern_members_[node.payload].literal) {
    return EvaluateCompare(node, static_cast<ir::CompareOp>(node.detail));
  }
  return EvaluateCall(node, match.call);
}

}  // namespace osprey::codegen
