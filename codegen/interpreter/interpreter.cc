#include "codegen/interpreter/interpreter.h"

#include <algorithm>
#include <array>

#include "absl/strings/str_format.h"
#include "codegen/interpreter/evaluation.h"
#include "frontend/regex_syntax.h"
#include "ir/rule_operands.h"
#include "ir/typed_calls.h"
#include "runtime/big_int.h"
#include "runtime/python_semantics.h"

namespace osprey::codegen {
namespace {

runtime::Value ToValue(const frontend::ConstValue& constant) {
  if (constant.is_none()) return runtime::Value::None();
  if (constant.is_bool()) return runtime::Value::Bool(constant.as_bool());
  if (constant.is_int()) return runtime::Value::Int(constant.as_int());
  if (constant.is_big_int()) return runtime::ParseIntLiteral(constant.as_big_int().text);
  if (constant.is_float()) return runtime::Value::Float(constant.as_float());
  if (constant.is_string()) return runtime::Value::String(constant.as_string());
  std::vector<runtime::Value> items;
  for (const frontend::ConstValue& item : constant.as_list()) items.push_back(ToValue(item));
  return runtime::Value::List(std::move(items));
}

// Regex functions take patterns in PCRE2 syntax: the Python syntax of the rules is translated
// here, once per call site.
absl::StatusOr<runtime::Value> TranslateRegexConstant(const runtime::Value& value) {
  if (value.kind() == runtime::Value::Kind::kString) {
    absl::StatusOr<std::string> translated = frontend::TranslatePythonRegex(value.as_string());
    if (!translated.ok()) return translated.status();
    return runtime::Value::String(*std::move(translated));
  }
  if (value.kind() == runtime::Value::Kind::kList) {
    std::vector<runtime::Value> items;
    for (const runtime::Value& item : value.as_list()) {
      absl::StatusOr<runtime::Value> translated = TranslateRegexConstant(item);
      if (!translated.ok()) return translated.status();
      items.push_back(*std::move(translated));
    }
    return runtime::Value::List(std::move(items));
  }
  return value;
}

void CollectNodes(const ir::Program& program, ir::NodeId root, std::vector<bool>& seen,
                  std::vector<ir::NodeId>& out) {
  std::vector<ir::NodeId> stack = {root};
  while (!stack.empty()) {
    ir::NodeId id = stack.back();
    stack.pop_back();
    if (!id.valid() || seen[id.value]) continue;
    seen[id.value] = true;
    out.push_back(id);
    for (ir::NodeId operand : program.node(id).operands) stack.push_back(operand);
  }
}

// See Interpreter::deferred_. Only WhenRules may read the call, in its `then` list.
std::vector<bool> DeferredEffects(const ir::Program& program,
                                  const runtime::NativeUdfRegistry& natives) {
  std::vector<bool> deferred(program.nodes.size(), false);
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    const ir::Node& node = program.nodes[i];
    if (node.op != ir::Op::kCall) continue;
    const ir::Call& call = program.calls[node.payload];
    if (!natives.IsDeferrable(call.udf->name) || !call.extra_names.empty()) continue;
    // With no None among its arguments (a failed argument is not passed: the call fails
    // silently, which it still does when deferred).
    deferred[i] = ir::ArgumentsHaveDeclaredTypes(program, node);
  }
  for (const ir::Node& node : program.nodes) {
    for (size_t o = 0; o < node.operands.size(); ++o) {
      bool effect_of_when = node.op == ir::Op::kWhenRules &&
                            static_cast<int32_t>(o) >= program.when_rules[node.payload].rule_count;
      if (!effect_of_when) deferred[node.operands[o].value] = false;
    }
  }
  for (const ir::Feature& feature : program.features) deferred[feature.value.value] = false;
  for (const ir::File& file : program.files) {
    for (ir::NodeId statement : file.statements) deferred[statement.value] = false;
  }
  return deferred;
}

}  // namespace

// See Interpreter::fixed_values_. Ids are a topological order: operands come first.
std::vector<std::optional<runtime::Value>> Interpreter::FixedValues(
    const ir::Program& program, const runtime::NativeUdfRegistry& natives,
    const Interpreter& interpreter) {
  std::vector<std::optional<runtime::Value>> fixed(program.nodes.size());
  auto all_fixed = [&](const ir::Node& node) {
    for (ir::NodeId operand : node.operands) {
      if (!fixed[operand.value]) return false;
    }
    return true;
  };
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    const ir::Node& node = program.nodes[i];
    switch (node.op) {
      case ir::Op::kConstant:
        fixed[i] = ToValue(node.constant);
        break;
      case ir::Op::kList:
        if (all_fixed(node)) {
          std::vector<runtime::Value> items;
          for (ir::NodeId operand : node.operands) items.push_back(*fixed[operand.value]);
          fixed[i] = runtime::Value::List(std::move(items));
        }
        break;
      case ir::Op::kFormatString:
        if (all_fixed(node)) {
          std::string text = node.format[0];
          for (size_t f = 0; f < node.operands.size(); ++f) {
            text += runtime::PythonStr(*fixed[node.operands[f].value]);
            text += node.format[f + 1];
          }
          fixed[i] = runtime::Value::String(std::move(text));
        }
        break;
      case ir::Op::kCall: {
        const ir::Call& call = program.calls[node.payload];
        const runtime::UdfInstance* instance = interpreter.instances_[node.payload].get();
        if (instance == nullptr || !natives.IsPure(call.udf->name) || !call.extra_names.empty() ||
            !all_fixed(node)) {
          break;
        }
        std::vector<runtime::Value> arguments = interpreter.call_constants_[node.payload];
        for (size_t p = 0; p < arguments.size(); ++p) {
          int32_t operand = call.operand_of_param[p];
          if (operand >= 0) arguments[p] = *fixed[node.operands[operand].value];
        }
        std::unique_ptr<bool[]> failed(new bool[call.udf->params.size() + 1]());
        runtime::CallContext context;
        context.argument_failed = std::span<const bool>(failed.get(), call.udf->params.size());
        runtime::UdfOutcome outcome = instance->Call(context, arguments);
        // An error stays per action: it is recorded for each action that runs the call.
        auto* value = std::get_if<runtime::Value>(&outcome);
        const std::optional<runtime::ValueType>& expected =
            interpreter.dynamic_results_[node.payload];
        if (value != nullptr && (!expected || runtime::CheckValue(*value, *expected))) {
          fixed[i] = std::move(*value);
        }
        break;
      }
      default:
        break;
    }
  }
  return fixed;
}

absl::StatusOr<std::unique_ptr<Interpreter>> Interpreter::Create(
    const ir::Program& program, const runtime::NativeUdfRegistry& natives) {
  std::unique_ptr<Interpreter> interpreter(new Interpreter(program));
  for (const ir::Node& node : program.nodes) {
    // An f-string's payload, which the IR leaves unset, numbers it for its string slot.
    const int32_t payload =
        node.op == ir::Op::kFormatString ? interpreter->format_string_count_++ : node.payload;
    interpreter->packed_nodes_.push_back(
        {node.op, node.detail, payload, static_cast<uint32_t>(interpreter->packed_operands_.size()),
         static_cast<uint32_t>(node.operands.size())});
    interpreter->packed_operands_.insert(interpreter->packed_operands_.end(), node.operands.begin(),
                                         node.operands.end());
  }
  for (const ir::Call& call : program.calls) {
    const runtime::UdfFactory* factory = natives.Find(call.udf->name);
    if (factory == nullptr) {
      interpreter->instances_.push_back(nullptr);
      continue;
    }
    std::vector<std::optional<runtime::Value>> constants;
    for (size_t p = 0; p < call.udf->params.size(); ++p) {
      if (!call.udf->params[p].constant || !call.constants[p]) {
        constants.push_back(std::nullopt);
        continue;
      }
      runtime::Value value = ToValue(*call.constants[p]);
      const std::string& param = call.udf->params[p].name;
      if (call.udf->cost == frontend::CostClass::kRegex &&
          (param == "pattern" || param == "patterns")) {
        absl::StatusOr<runtime::Value> translated = TranslateRegexConstant(value);
        if (!translated.ok()) return translated.status();
        value = *std::move(translated);
      }
      constants.push_back(std::move(value));
    }
    runtime::UdfSite site(constants);
    site.assigned_name = call.assigned_name;
    absl::StatusOr<std::unique_ptr<runtime::UdfInstance>> instance = (*factory)(site);
    if (!instance.ok()) {
      return absl::InvalidArgumentError(
          absl::StrFormat("%s: %s", call.udf->name, instance.status().message()));
    }
    interpreter->instances_.push_back(*std::move(instance));
  }
  for (const ir::JsonRead& read : program.json_reads) {
    interpreter->reads_.push_back(PrepareRead(read));
  }
  for (const ir::Call& call : program.calls) {
    interpreter->dynamic_results_.push_back(
        call.dynamic_result != nullptr ? ToValueType(call.dynamic_result) : std::nullopt);
  }
  for (const ir::PatternSet& set : program.pattern_sets) {
    // Regex members get the same translation RegexMatch's own instance got above.
    std::vector<runtime::PatternSet::Member> members;
    for (const ir::PatternSet::Member& member : set.members) {
      if (member.literal) {
        members.push_back({member.pattern, true});
        continue;
      }
      absl::StatusOr<std::string> translated = frontend::TranslatePythonRegex(member.pattern);
      if (!translated.ok()) return translated.status();
      members.push_back({*std::move(translated), false});
    }
    interpreter->pattern_sets_.push_back(
        runtime::PatternSet::Create(members, set.case_insensitive));
  }
  interpreter->pattern_members_.resize(program.pattern_matches.size());
  interpreter->pattern_set_members_.resize(program.pattern_sets.size());
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    const ir::Node& node = program.nodes[i];
    if (node.op != ir::Op::kPatternMatch) continue;
    const ir::PatternMatch& match = program.pattern_matches[node.payload];
    const bool literal = match.call < 0;
    interpreter->pattern_members_[node.payload] = {
        static_cast<int32_t>(i),
        match.set,
        match.member,
        literal,
        literal && node.detail == static_cast<uint8_t>(ir::CompareOp::kNotIn),
        interpreter->pattern_sets_[match.set]->covers(static_cast<size_t>(match.member))};
    interpreter->pattern_set_members_[match.set].push_back(node.payload);
  }
  for (const ir::Call& call : program.calls) {
    std::vector<runtime::Value>& values = interpreter->call_constants_.emplace_back();
    for (const std::optional<frontend::ConstValue>& constant : call.constants) {
      values.push_back(constant ? ToValue(*constant) : runtime::Value::None());
    }
  }
  interpreter->fixed_values_ = FixedValues(program, natives, *interpreter);
  interpreter->read_by_rule_only_ = ir::ReadByRuleOnly(program);
  interpreter->rule_operands_.resize(program.rules.size());
  for (const ir::Node& node : program.nodes) {
    if (node.op != ir::Op::kRule) continue;
    Interpreter::RuleOperands& rule = interpreter->rule_operands_[node.payload];
    std::vector<RuleOperand>& list = interpreter->rule_operand_list_;
    auto add = [&](ir::NodeId operand) {
      list.push_back({operand.value, program.node(operand).op == ir::Op::kRule});
    };
    rule.first = static_cast<uint32_t>(list.size());
    rule.items_listed = interpreter->read_by_rule_only_[node.operands[0].value];
    if (rule.items_listed) {
      for (ir::NodeId item : program.node(node.operands[0]).operands) add(item);
    }
    rule.items = static_cast<uint32_t>(list.size()) - rule.first;
    rule.fields_listed = interpreter->read_by_rule_only_[node.operands[1].value];
    if (rule.fields_listed) {
      for (ir::NodeId field : program.node(node.operands[1]).operands) add(field);
    }
    rule.fields = static_cast<uint32_t>(list.size()) - rule.first - rule.items;
  }
  interpreter->deferred_ = DeferredEffects(program, natives);
  for (const ir::Rule& rule : program.rules) {
    interpreter->rule_definitions_.push_back(std::make_shared<const runtime::RuleDefinition>(
        runtime::RuleDefinition{rule.name, rule.description_template, rule.field_names}));
  }
  auto feature_names = std::make_shared<std::vector<runtime::FeatureName>>();
  feature_names->reserve(program.features.size());
  for (const ir::Feature& feature : program.features) feature_names->emplace_back(feature.name);
  interpreter->feature_names_ = std::move(feature_names);
  std::vector<int32_t> exports_of_node(program.nodes.size(), 0);
  for (const ir::Feature& feature : program.features) ++exports_of_node[feature.value.value];
  interpreter->file_features_.resize(program.files.size());
  interpreter->file_rule_features_.resize(program.files.size());
  for (size_t f = 0; f < program.files.size(); ++f) {
    for (int32_t feature : program.files[f].features) {
      const int32_t node = program.features[feature].value.value;
      const FeatureSlot slot{feature, node, program.nodes[node].op == ir::Op::kRule,
                             exports_of_node[node] == 1 && !interpreter->IsFixed(node)};
      interpreter->file_features_[f].push_back(slot);
      if (slot.is_rule) interpreter->file_rule_features_[f].push_back(slot);
    }
  }
  interpreter->file_nodes_.resize(program.files.size());
  for (size_t f = 0; f < program.files.size(); ++f) {
    std::vector<bool> seen(program.nodes.size(), false);
    std::vector<ir::NodeId>& nodes = interpreter->file_nodes_[f];
    for (ir::NodeId statement : program.files[f].statements) {
      CollectNodes(program, statement, seen, nodes);
    }
    std::sort(nodes.begin(), nodes.end(),
              [](ir::NodeId a, ir::NodeId b) { return a.value < b.value; });
  }
  return interpreter;
}

runtime::ActionResult Interpreter::Evaluate(const runtime::Action& action,
                                            const runtime::LabelStore* labels, uint64_t random_seed,
                                            runtime::ResultFeatures features) const {
  runtime::ActionResult result;
  EvaluateInto(action, labels, random_seed, features, &result);
  return result;
}

void Interpreter::EvaluateInto(const runtime::Action& action, const runtime::LabelStore* labels,
                               uint64_t random_seed, runtime::ResultFeatures features,
                               runtime::ActionResult* result) const {
  Evaluation evaluation(*this);
  evaluation.Start(action, labels, random_seed, result);
  evaluation.Run(features);
}

}  // namespace osprey::codegen
