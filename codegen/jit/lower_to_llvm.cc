// Each entry function is straight-line code over the partition's nodes in id order:
//
//   if (state[id] == PENDING) { <compute node id>; state[id] = DONE; }
//
// (without the test when the ruleset has no Require: then every node is pending, once).
// A lane node computes its common case inline (ints and floats of the expected kinds) and calls
// `evaluate_lane` for everything else, so the runtime's one implementation of Python semantics
// decides every uncommon case (mixed kinds, int64 overflow, None, failed operands, errors). Any
// other node is computed by the runtime (`evaluate_run`, one call for a run of them); when
// its static type is lane-visible the runtime also writes its lane, which compiled code then
// reads. Nodes no pass computes (fixed values, lists and descriptions only a Rule reads,
// deferred effects) have no code at all.
// An int beyond 64 bits (the exact result of an overflow, or a big operand) is an OBJECT lane:
// the runtime holds it, and every fast path here checks for INT or FLOAT tags, so an OBJECT
// operand always takes `evaluate_lane`. Strings and lists the runtime computed are STRING and
// LIST lanes: comparisons of strings and the stdlib calls of LaneCall test their bytes and
// lengths inline (and with the pure helpers strings_equal and code_point_count), and take
// `evaluate_lane` for any other tag (None, an entity, a failed argument).
#include "codegen/jit/internal/lower_to_llvm.h"

#include <map>
#include <span>

#include "absl/strings/str_cat.h"
#include "codegen/jit/lane_nodes.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Intrinsics.h"
#include "runtime/abi/jit_abi.h"

namespace osprey::codegen::internal {
namespace {

class Lowerer {
 public:
  Lowerer(llvm::Module& module, const ir::Program& program, const std::vector<uint8_t>& lane_nodes,
          bool inline_rules)
      : context_(module.getContext()),
        module_(module),
        program_(program),
        lane_nodes_(lane_nodes),
        inline_rules_(inline_rules),
        single_pass_(program.require_sites.empty()),
        builder_(context_) {
    i8_ = builder_.getInt8Ty();
    i32_ = builder_.getInt32Ty();
    i64_ = builder_.getInt64Ty();
    f64_ = builder_.getDoubleTy();
    ptr_ = builder_.getPtrTy();
    // OspreyLane: {uint8_t tag; uint8_t reserved[3]; uint32_t length; uint64_t bits;}
    lane_type_ = llvm::StructType::create(context_, {i8_, llvm::ArrayType::get(i8_, 3), i32_, i64_},
                                          "OspreyLane");
    llvm::Type* void_type = builder_.getVoidTy();
    load_ = module_.getOrInsertFunction(
        OSPREY_JIT_HELPER_LOAD, llvm::FunctionType::get(void_type, {ptr_, i32_, ptr_}, false));
    truth_ = module_.getOrInsertFunction(OSPREY_JIT_HELPER_TRUTH,
                                         llvm::FunctionType::get(i32_, {ptr_, i32_}, false));
    evaluate_run_ =
        module_.getOrInsertFunction(OSPREY_JIT_HELPER_EVALUATE_RUN,
                                    llvm::FunctionType::get(void_type, {ptr_, ptr_, i32_}, false));
    evaluate_lane_ =
        module_.getOrInsertFunction(OSPREY_JIT_HELPER_EVALUATE_LANE,
                                    llvm::FunctionType::get(void_type, {ptr_, i32_, ptr_}, false));
    strings_equal_ =
        module_.getOrInsertFunction(OSPREY_JIT_HELPER_STRINGS_EQUAL,
                                    llvm::FunctionType::get(i32_, {ptr_, i32_, ptr_, i32_}, false));
    code_point_count_ = module_.getOrInsertFunction(
        OSPREY_JIT_HELPER_CODE_POINT_COUNT, llvm::FunctionType::get(i64_, {ptr_, i32_}, false));
    pattern_member_ = module_.getOrInsertFunction(
        OSPREY_JIT_HELPER_PATTERN_MEMBER, llvm::FunctionType::get(i32_, {ptr_, i32_}, false));
  }

  // The entry function calls one part after the other, each computing a slice of the nodes:
  // instruction selection and register allocation grow faster than linearly with a function's
  // size, so many small functions compile faster than one large one.
  void EmitEntry(const std::string& name, const std::vector<ir::NodeId>& nodes) {
    llvm::Function* entry = NewFunction(name, llvm::Function::ExternalLinkage);
    std::vector<llvm::Function*> parts;
    size_t start = 0;
    while (start < nodes.size()) {
      // A part ends after kLaneNodesPerPart lane nodes (runs of other nodes cost one call).
      size_t end = start;
      size_t lane_count = 0;
      while (end < nodes.size() && lane_count < kLaneNodesPerPart) {
        if (Inline(nodes[end].value)) ++lane_count;
        ++end;
      }
      llvm::Function* part =
          NewFunction(absl::StrCat(name, "_part", parts.size()), llvm::Function::InternalLinkage);
      // The optimiser would inline every part (each has one caller) back into one function.
      part->addFnAttr(llvm::Attribute::NoInline);
      EmitPart(part, std::span(nodes).subspan(start, end - start));
      parts.push_back(part);
      start = end;
    }
    builder_.SetInsertPoint(llvm::BasicBlock::Create(context_, "entry", entry));
    for (llvm::Function* part : parts) {
      builder_.CreateCall(part, {entry->getArg(0), entry->getArg(1), entry->getArg(2)});
    }
    builder_.CreateRetVoid();
  }

 private:
  static constexpr size_t kLaneNodesPerPart = 64;

  llvm::Function* NewFunction(const std::string& name, llvm::GlobalValue::LinkageTypes linkage) {
    auto* type = llvm::FunctionType::get(builder_.getVoidTy(), {ptr_, ptr_, ptr_}, false);
    llvm::Function* function = llvm::Function::Create(type, linkage, name, module_);
    // The three arrays never overlap, and the helpers do not keep them.
    for (unsigned i = 0; i < 3; ++i) function->addParamAttr(i, llvm::Attribute::NoAlias);
    return function;
  }

  void EmitPart(llvm::Function* part, std::span<const ir::NodeId> nodes) {
    function_ = part;
    frame_ = part->getArg(0);
    state_ = part->getArg(1);
    lanes_ = part->getArg(2);
    builder_.SetInsertPoint(llvm::BasicBlock::Create(context_, "entry", part));
    std::vector<int32_t> run;  // Consecutive nodes that are not lane nodes.
    for (ir::NodeId id : nodes) {
      if (!Inline(id.value)) {
        run.push_back(id.value);
        continue;
      }
      EmitRun(run);
      llvm::Value* state = builder_.CreateConstInBoundsGEP1_32(i8_, state_, id.value);
      if (single_pass_) {
        // Every node here is pending, and only once (see single_pass_).
        EmitNode(id.value);
        builder_.CreateStore(Byte(OSPREY_NODE_DONE), state);
        continue;
      }
      llvm::BasicBlock* compute = NewBlock("compute");
      llvm::BasicBlock* next = NewBlock("next");
      llvm::Value* pending =
          builder_.CreateICmpEQ(builder_.CreateLoad(i8_, state), Byte(OSPREY_NODE_PENDING));
      builder_.CreateCondBr(pending, compute, next);
      builder_.SetInsertPoint(compute);
      EmitNode(id.value);
      builder_.CreateStore(Byte(OSPREY_NODE_DONE), state);
      builder_.CreateBr(next);
      builder_.SetInsertPoint(next);
    }
    EmitRun(run);
    builder_.CreateRetVoid();
  }

  llvm::BasicBlock* NewBlock(const char* name) {
    return llvm::BasicBlock::Create(context_, name, function_);
  }
  llvm::Constant* Byte(int value) { return llvm::ConstantInt::get(i8_, value); }
  llvm::Constant* Id(int32_t id) { return llvm::ConstantInt::get(i32_, id); }

  llvm::Value* Lane(int32_t id) {
    return builder_.CreateConstInBoundsGEP1_32(lane_type_, lanes_, static_cast<unsigned>(id));
  }
  // The tag is at offset 0 of a lane: the lane's address is the tag's.
  llvm::Value* Tag(llvm::Value* lane) { return builder_.CreateLoad(i8_, lane); }
  llvm::Value* Length(llvm::Value* lane) {
    return builder_.CreateLoad(i32_, builder_.CreateStructGEP(lane_type_, lane, 2));
  }
  llvm::Value* Bits(llvm::Value* lane) {
    return builder_.CreateLoad(i64_, builder_.CreateStructGEP(lane_type_, lane, 3));
  }
  void StoreLane(int32_t id, llvm::Value* tag, llvm::Value* bits) {
    llvm::Value* lane = Lane(id);
    builder_.CreateStore(tag, lane);
    builder_.CreateStore(bits, builder_.CreateStructGEP(lane_type_, lane, 3));
  }
  void StoreBool(int32_t id, llvm::Value* flag) {
    StoreLane(id, Byte(OSPREY_LANE_BOOL), builder_.CreateZExt(flag, i64_));
  }
  llvm::Value* TagIs(llvm::Value* tag, int value) {
    return builder_.CreateICmpEQ(tag, Byte(value));
  }

  // The lane of operand node `id`: its own for a lane node; for another node, the value the
  // runtime holds, loaded into the node's (otherwise unused) lane slot.
  llvm::Value* OperandLane(int32_t id) {
    if (!HasLane(id)) builder_.CreateCall(load_, {frame_, Id(id), Lane(id)});
    return Lane(id);
  }
  // Whether compiled code computes node `id` itself (the runtime computes the others).
  bool Inline(int32_t id) const {
    return lane_nodes_[id] && (inline_rules_ || !IsRuleOrWhenRulesLane(program_, id));
  }
  // Whether node `id`'s lane holds its value once computed: a lane node, or a mirrored one.
  bool HasLane(int32_t id) const {
    return lane_nodes_[id] || IsMirrored(program_, lane_nodes_, id);
  }

  // Python truthiness of a computed node: {truthy, failed} as i1 values.
  std::pair<llvm::Value*, llvm::Value*> Truth(int32_t id) {
    if (lane_nodes_[id] && program_.nodes[id].op == ir::Op::kRule) {
      // A rule's value object is truthy whatever its boolean (it has no __bool__).
      llvm::Value* failed = TagIs(Tag(Lane(id)), OSPREY_LANE_FAILED);
      return {builder_.CreateNot(failed), failed};
    }
    if (!HasLane(id)) return RuntimeTruth(id);
    llvm::Value* lane = Lane(id);
    llvm::Value* tag = Tag(lane);
    const frontend::Type type = program_.nodes[id].type;
    if (lane_nodes_[id] && type != nullptr && type->kind == frontend::TypeKind::kBool) {
      // A bool lane node's lane is BOOL or FAILED (whose bits mean nothing).
      llvm::Value* is_bool = TagIs(tag, OSPREY_LANE_BOOL);
      llvm::Value* set = builder_.CreateICmpNE(Bits(lane), builder_.getInt64(0));
      return {builder_.CreateAnd(is_bool, set), builder_.CreateNot(is_bool)};
    }
    if (lane_nodes_[id] && !MayHoldBigInt(type)) {
      // A lane node without int in its type is never OBJECT (only big ints make those).
      return ScalarTruth(tag, Bits(lane));
    }
    // An OBJECT lane (a value that is no scalar after all): the runtime's truthiness.
    llvm::BasicBlock* object = NewBlock("truth.object");
    llvm::BasicBlock* scalar = NewBlock("truth.scalar");
    llvm::BasicBlock* done = NewBlock("truth.done");
    builder_.CreateCondBr(TagIs(tag, OSPREY_LANE_OBJECT), object, scalar);
    builder_.SetInsertPoint(object);
    auto [object_truthy, object_failed] = RuntimeTruth(id);
    builder_.CreateBr(done);
    builder_.SetInsertPoint(scalar);
    auto [scalar_truthy, scalar_failed] = ScalarTruth(tag, Bits(lane));
    if (!IsScalarType(program_.nodes[id].type)) {
      // A string or list: truthy when not empty.
      llvm::Value* sized =
          builder_.CreateOr(TagIs(tag, OSPREY_LANE_STRING), TagIs(tag, OSPREY_LANE_LIST));
      scalar_truthy = builder_.CreateOr(
          scalar_truthy,
          builder_.CreateAnd(sized, builder_.CreateICmpNE(Length(lane), builder_.getInt32(0))));
    }
    builder_.CreateBr(done);
    builder_.SetInsertPoint(done);
    llvm::PHINode* truthy = builder_.CreatePHI(builder_.getInt1Ty(), 2);
    truthy->addIncoming(object_truthy, object);
    truthy->addIncoming(scalar_truthy, scalar);
    llvm::PHINode* failed = builder_.CreatePHI(builder_.getInt1Ty(), 2);
    failed->addIncoming(object_failed, object);
    failed->addIncoming(scalar_failed, scalar);
    return {truthy, failed};
  }

  static bool MayHoldBigInt(frontend::Type type) {
    if (type == nullptr) return true;
    if (type->kind == frontend::TypeKind::kUnion) {
      for (frontend::Type alternative : type->args) {
        if (MayHoldBigInt(alternative)) return true;
      }
      return false;
    }
    return type->kind == frontend::TypeKind::kInt;
  }

  std::pair<llvm::Value*, llvm::Value*> RuntimeTruth(int32_t id) {
    llvm::Value* truth = builder_.CreateCall(truth_, {frame_, Id(id)});
    return {builder_.CreateICmpEQ(truth, llvm::ConstantInt::get(i32_, 1)),
            builder_.CreateICmpEQ(truth, llvm::ConstantInt::get(i32_, 2))};
  }

  // Truthiness of a scalar lane's tag and bits.
  std::pair<llvm::Value*, llvm::Value*> ScalarTruth(llvm::Value* tag, llvm::Value* bits) {
    // bool and int: non-zero; float: non-zero, NaN included (une); None and failed: false.
    llvm::Value* integral =
        builder_.CreateOr(TagIs(tag, OSPREY_LANE_BOOL), TagIs(tag, OSPREY_LANE_INT));
    llvm::Value* nonzero = builder_.CreateICmpNE(bits, llvm::ConstantInt::get(i64_, 0));
    llvm::Value* float_true = builder_.CreateFCmpUNE(builder_.CreateBitCast(bits, f64_),
                                                     llvm::ConstantFP::get(f64_, 0.0));
    llvm::Value* truthy =
        builder_.CreateOr(builder_.CreateAnd(integral, nonzero),
                          builder_.CreateAnd(TagIs(tag, OSPREY_LANE_FLOAT), float_true));
    return {truthy, TagIs(tag, OSPREY_LANE_FAILED)};
  }

  // The runtime computes a run of other nodes in one call, from a constant array of their ids:
  // most nodes of a ruleset are calls, JSON reads and rules, and one call per node would make
  // the code (and its compile time) grow with them for no gain.
  void EmitRun(std::vector<int32_t>& run) {
    if (run.empty()) return;
    // One call even for a single node: the runtime checks the states, and the code (and its
    // compile time) stays one instruction per run.
    std::vector<uint32_t> unsigned_ids(run.begin(), run.end());  // The i32 array type.
    llvm::Constant* ids = llvm::ConstantDataArray::get(context_, unsigned_ids);
    auto* array = new llvm::GlobalVariable(module_, ids->getType(), /*isConstant=*/true,
                                           llvm::GlobalValue::PrivateLinkage, ids, "run");
    array->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    builder_.CreateCall(evaluate_run_, {frame_, array, llvm::ConstantInt::get(i32_, run.size())});
    run.clear();
  }

  void EmitNode(int32_t id) {
    const ir::Node& node = program_.nodes[id];
    switch (node.op) {
      case ir::Op::kConstant:
        return EmitConstant(id, node.constant);
      case ir::Op::kAnd:
      case ir::Op::kOr: {
        // Failed operands count as false; every operand was computed (no short-circuit).
        bool is_and = node.op == ir::Op::kAnd;
        llvm::Value* result = builder_.getInt1(is_and);
        for (ir::NodeId operand : node.operands) {
          llvm::Value* truthy = Truth(operand.value).first;
          result = is_and ? builder_.CreateAnd(result, truthy) : builder_.CreateOr(result, truthy);
        }
        return StoreBool(id, result);
      }
      case ir::Op::kNot: {
        auto [truthy, failed] = Truth(node.operands[0].value);
        llvm::Value* tag =
            builder_.CreateSelect(failed, Byte(OSPREY_LANE_FAILED), Byte(OSPREY_LANE_BOOL));
        return StoreLane(id, tag, builder_.CreateZExt(builder_.CreateNot(truthy), i64_));
      }
      case ir::Op::kCompare: {
        auto op = static_cast<ir::CompareOp>(node.detail);
        if (op == ir::CompareOp::kIn || op == ir::CompareOp::kNotIn) {
          return EmitStringIn(id, node, op == ir::CompareOp::kIn);
        }
        return EmitCompare(id, node);
      }
      case ir::Op::kCall:
        return EmitLaneCall(id, node, LaneCallOf(program_, node));
      case ir::Op::kRule:
        return EmitRule(id, node);
      case ir::Op::kWhenRules:
        return EmitWhenRules(id, node);
      case ir::Op::kBinary:
        return EmitBinary(id, node);
      case ir::Op::kNegate:
        return EmitNegate(id, node);
      case ir::Op::kPatternMatch:
        return EmitPatternMember(id, node);
      default:
        return EmitSlow(id);
    }
  }

  // A pattern-set member: its set's answer, or (when the set cannot answer for it: a pattern
  // the automaton does not run exactly, a target that is no string) the node it replaced,
  // computed by the runtime.
  void EmitPatternMember(int32_t id, const ir::Node& node) {
    llvm::Value* answer = builder_.CreateCall(pattern_member_, {frame_, Id(node.payload)});
    llvm::BasicBlock* answered = NewBlock("member.answered");
    llvm::BasicBlock* slow = NewBlock("member.slow");
    llvm::BasicBlock* done = NewBlock("member.done");
    builder_.CreateCondBr(builder_.CreateICmpSGE(answer, builder_.getInt32(0)), answered, slow);
    builder_.SetInsertPoint(answered);
    StoreBool(id, builder_.CreateICmpNE(answer, builder_.getInt32(0)));
    builder_.CreateBr(done);
    EmitSlowThenJoin(id, slow, done);
  }

  // A Rule lane (lane_nodes.h), as Evaluation::RuleTruth computes it: failed when an item or
  // a description field failed (no short-circuit), else whether every item is truthy.
  void EmitRule(int32_t id, const ir::Node& node) {
    llvm::Value* failed = builder_.getFalse();
    llvm::Value* all_true = builder_.getTrue();
    for (ir::NodeId item : program_.node(node.operands[0]).operands) {
      auto [truthy, item_failed] = Truth(item.value);
      failed = builder_.CreateOr(failed, item_failed);
      all_true = builder_.CreateAnd(all_true, truthy);
    }
    const ir::Node& description = program_.node(node.operands[1]);
    if (description.op != ir::Op::kConstant) {
      for (ir::NodeId field : description.operands) {
        failed = builder_.CreateOr(failed, Failed(field.value));
      }
    }
    llvm::Value* tag =
        builder_.CreateSelect(failed, Byte(OSPREY_LANE_FAILED), Byte(OSPREY_LANE_BOOL));
    llvm::Value* value = builder_.CreateAnd(all_true, builder_.CreateNot(failed));
    StoreLane(id, tag, builder_.CreateZExt(value, i64_));
  }

  // As an i1: whether computed node `id` failed.
  llvm::Value* Failed(int32_t id) {
    if (!HasLane(id)) return RuntimeTruth(id).second;
    return TagIs(Tag(Lane(id)), OSPREY_LANE_FAILED);  // OBJECT holds a value: not failed.
  }

  // A WhenRules lane: when one of its rules is true, the runtime emits its effects (and writes
  // the lane); otherwise it is None.
  void EmitWhenRules(int32_t id, const ir::Node& node) {
    llvm::Value* fires = builder_.getFalse();
    for (int32_t i = 0; i < program_.when_rules[node.payload].rule_count; ++i) {
      llvm::Value* rule = Lane(node.operands[i].value);
      llvm::Value* is_true =
          builder_.CreateAnd(TagIs(Tag(rule), OSPREY_LANE_BOOL),
                             builder_.CreateICmpNE(Bits(rule), builder_.getInt64(0)));
      fires = builder_.CreateOr(fires, is_true);
    }
    llvm::BasicBlock* fire = NewBlock("when.fire");
    llvm::BasicBlock* quiet = NewBlock("when.quiet");
    llvm::BasicBlock* done = NewBlock("when.done");
    builder_.CreateCondBr(fires, fire, quiet);
    builder_.SetInsertPoint(fire);
    EmitSlow(id);
    builder_.CreateBr(done);
    builder_.SetInsertPoint(quiet);
    StoreLane(id, Byte(OSPREY_LANE_NONE), builder_.getInt64(0));
    builder_.CreateBr(done);
    builder_.SetInsertPoint(done);
  }

  void EmitConstant(int32_t id, const frontend::ConstValue& constant) {
    if (constant.is_none()) return StoreLane(id, Byte(OSPREY_LANE_NONE), builder_.getInt64(0));
    if (constant.is_bool()) return StoreBool(id, builder_.getInt1(constant.as_bool()));
    if (constant.is_int()) {
      return StoreLane(id, Byte(OSPREY_LANE_INT),
                       builder_.getInt64(static_cast<uint64_t>(constant.as_int())));
    }
    StoreLane(id, Byte(OSPREY_LANE_FLOAT),
              builder_.CreateBitCast(llvm::ConstantFP::get(f64_, constant.as_float()), i64_));
  }

  void EmitSlow(int32_t id) { builder_.CreateCall(evaluate_lane_, {frame_, Id(id), Lane(id)}); }
  // The end of a node with fast paths: block `slow` asks the runtime, then every path meets in
  // `done`, where the insert point moves.
  void EmitSlowThenJoin(int32_t id, llvm::BasicBlock* slow, llvm::BasicBlock* done) {
    builder_.SetInsertPoint(slow);
    EmitSlow(id);
    builder_.CreateBr(done);
    builder_.SetInsertPoint(done);
  }

  // The two operands' lanes of a comparison or arithmetic node, with their tags and bits.
  struct Operands {
    llvm::Value* tag_a;
    llvm::Value* tag_b;
    llvm::Value* bits_a;
    llvm::Value* bits_b;
    llvm::Value* lane_a;
    llvm::Value* lane_b;
  };
  Operands LoadOperands(const ir::Node& node) {
    llvm::Value* a = OperandLane(node.operands[0].value);
    llvm::Value* b = OperandLane(node.operands[1].value);
    return {Tag(a), Tag(b), Bits(a), Bits(b), a, b};
  }
  llvm::Value* BothAre(const Operands& operands, int tag) {
    return builder_.CreateAnd(TagIs(operands.tag_a, tag), TagIs(operands.tag_b, tag));
  }

  void EmitCompare(int32_t id, const ir::Node& node) {
    if (IsStringType(program_.node(node.operands[0]).type) ||
        IsStringType(program_.node(node.operands[1]).type)) {
      return EmitStringEquality(id, node);
    }
    Operands operands = LoadOperands(node);
    llvm::BasicBlock* ints = NewBlock("cmp.int");
    llvm::BasicBlock* not_ints = NewBlock("cmp.notint");
    llvm::BasicBlock* floats = NewBlock("cmp.float");
    llvm::BasicBlock* slow = NewBlock("cmp.slow");
    llvm::BasicBlock* done = NewBlock("cmp.done");
    builder_.CreateCondBr(BothAre(operands, OSPREY_LANE_INT), ints, not_ints);

    llvm::CmpInst::Predicate int_predicate = llvm::CmpInst::ICMP_EQ;
    llvm::CmpInst::Predicate float_predicate = llvm::CmpInst::FCMP_OEQ;
    switch (static_cast<ir::CompareOp>(node.detail)) {
      case ir::CompareOp::kEqual:
        break;
      case ir::CompareOp::kNotEqual:
        // Python's != is true for NaN: unordered-or-not-equal.
        int_predicate = llvm::CmpInst::ICMP_NE;
        float_predicate = llvm::CmpInst::FCMP_UNE;
        break;
      case ir::CompareOp::kLess:
        int_predicate = llvm::CmpInst::ICMP_SLT;
        float_predicate = llvm::CmpInst::FCMP_OLT;
        break;
      case ir::CompareOp::kLessEqual:
        int_predicate = llvm::CmpInst::ICMP_SLE;
        float_predicate = llvm::CmpInst::FCMP_OLE;
        break;
      case ir::CompareOp::kGreater:
        int_predicate = llvm::CmpInst::ICMP_SGT;
        float_predicate = llvm::CmpInst::FCMP_OGT;
        break;
      case ir::CompareOp::kGreaterEqual:
        int_predicate = llvm::CmpInst::ICMP_SGE;
        float_predicate = llvm::CmpInst::FCMP_OGE;
        break;
      default:
        break;  // `in` is never a lane node.
    }
    builder_.SetInsertPoint(ints);
    StoreBool(id, builder_.CreateICmp(int_predicate, operands.bits_a, operands.bits_b));
    builder_.CreateBr(done);

    builder_.SetInsertPoint(not_ints);
    builder_.CreateCondBr(BothAre(operands, OSPREY_LANE_FLOAT), floats, slow);
    builder_.SetInsertPoint(floats);
    StoreBool(id,
              builder_.CreateFCmp(float_predicate, builder_.CreateBitCast(operands.bits_a, f64_),
                                  builder_.CreateBitCast(operands.bits_b, f64_)));
    builder_.CreateBr(done);

    EmitSlowThenJoin(id, slow, done);
  }

  // == and != where an operand is a str or Optional[str] (ordering comparisons of strings are
  // not lane nodes). Two strings: equal bytes; a string and None: unequal; anything else (a
  // failed operand, mixed types) the runtime decides.
  void EmitStringEquality(int32_t id, const ir::Node& node) {
    const bool want_equal = static_cast<ir::CompareOp>(node.detail) == ir::CompareOp::kEqual;
    Operands operands = LoadOperands(node);
    llvm::BasicBlock* two_strings = NewBlock("streq.two");
    llvm::BasicBlock* not_two_strings = NewBlock("streq.nottwo");
    llvm::BasicBlock* string_and_none = NewBlock("streq.none");
    llvm::BasicBlock* slow = NewBlock("streq.slow");
    llvm::BasicBlock* done = NewBlock("streq.done");
    builder_.CreateCondBr(BothAre(operands, OSPREY_LANE_STRING), two_strings, not_two_strings);
    builder_.SetInsertPoint(two_strings);
    llvm::Value* equal = StringsEqual(AsPointer(operands.bits_a), Length(operands.lane_a),
                                      AsPointer(operands.bits_b), Length(operands.lane_b));
    StoreBool(id, want_equal ? equal : builder_.CreateNot(equal));
    builder_.CreateBr(done);
    builder_.SetInsertPoint(not_two_strings);
    llvm::Value* a_string_b_none = builder_.CreateAnd(TagIs(operands.tag_a, OSPREY_LANE_STRING),
                                                      TagIs(operands.tag_b, OSPREY_LANE_NONE));
    llvm::Value* a_none_b_string = builder_.CreateAnd(TagIs(operands.tag_a, OSPREY_LANE_NONE),
                                                      TagIs(operands.tag_b, OSPREY_LANE_STRING));
    builder_.CreateCondBr(builder_.CreateOr(a_string_b_none, a_none_b_string), string_and_none,
                          slow);
    builder_.SetInsertPoint(string_and_none);
    StoreBool(id, builder_.getInt1(!want_equal));
    builder_.CreateBr(done);
    EmitSlowThenJoin(id, slow, done);
  }

  llvm::Value* AsPointer(llvm::Value* bits) { return builder_.CreateIntToPtr(bits, ptr_); }

  // As an i1: whether two byte strings are equal (one helper call, no branches: the code
  // stays small, which the fast tier's compile time depends on).
  llvm::Value* StringsEqual(llvm::Value* a, llvm::Value* length_a, llvm::Value* b,
                            llvm::Value* length_b) {
    return builder_.CreateICmpNE(builder_.CreateCall(strings_equal_, {a, length_a, b, length_b}),
                                 builder_.getInt32(0));
  }
  // A string compiled into the module: its bytes' address (their length is the caller's).
  llvm::Value* ConstantString(const std::string& text) {
    auto [it, added] = constant_strings_.try_emplace(text, nullptr);
    if (added) {
      llvm::Constant* bytes = llvm::ConstantDataArray::getString(context_, text, false);
      auto* global = new llvm::GlobalVariable(module_, bytes->getType(), /*isConstant=*/true,
                                              llvm::GlobalValue::PrivateLinkage, bytes, "str");
      global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
      it->second = global;
    }
    return it->second;
  }

  // `needle in [constants]` (or `not in`): a STRING needle is compared with each constant;
  // the runtime decides any other (None, a failed needle).
  void EmitStringIn(int32_t id, const ir::Node& node, bool want_found) {
    const std::vector<std::string> constants =
        *StringConstants(program_, program_.node(node.operands[1]));
    llvm::Value* needle = OperandLane(node.operands[0].value);
    llvm::BasicBlock* search = NewBlock("in.search");
    llvm::BasicBlock* slow = NewBlock("in.slow");
    llvm::BasicBlock* done = NewBlock("in.done");
    builder_.CreateCondBr(TagIs(Tag(needle), OSPREY_LANE_STRING), search, slow);
    builder_.SetInsertPoint(search);
    llvm::Value* bytes = AsPointer(Bits(needle));
    llvm::Value* length = Length(needle);
    llvm::Value* found = builder_.getFalse();
    for (const std::string& constant : constants) {
      llvm::Value* constant_length = builder_.getInt32(static_cast<uint32_t>(constant.size()));
      found = builder_.CreateOr(
          found, StringsEqual(bytes, length, ConstantString(constant), constant_length));
    }
    StoreBool(id, want_found ? found : builder_.CreateNot(found));
    builder_.CreateBr(done);
    EmitSlowThenJoin(id, slow, done);
  }

  // A LaneCall: computed here when every argument is a STRING lane (a LIST lane for
  // ListLength) or a constant string; by the runtime otherwise.
  void EmitLaneCall(int32_t id, const ir::Node& node, LaneCall kind) {
    const ir::Call& call = program_.calls[node.payload];
    struct Argument {
      llvm::Value* bytes;
      llvm::Value* length;
    };
    std::vector<Argument> arguments;
    llvm::Value* usable = builder_.getTrue();
    const int expected = kind == LaneCall::kListLength ? OSPREY_LANE_LIST : OSPREY_LANE_STRING;
    for (size_t p = 0; p < call.udf->params.size(); ++p) {
      const int32_t operand = call.operand_of_param[p];
      if (operand < 0) {
        const std::string& text = call.constants[p]->as_string();
        arguments.push_back(
            {ConstantString(text), builder_.getInt32(static_cast<uint32_t>(text.size()))});
        continue;
      }
      llvm::Value* lane = OperandLane(node.operands[operand].value);
      usable = builder_.CreateAnd(usable, TagIs(Tag(lane), expected));
      arguments.push_back({AsPointer(Bits(lane)), Length(lane)});
    }
    llvm::BasicBlock* fast = NewBlock("call.fast");
    llvm::BasicBlock* slow = NewBlock("call.slow");
    llvm::BasicBlock* done = NewBlock("call.done");
    builder_.CreateCondBr(usable, fast, slow);
    builder_.SetInsertPoint(fast);
    switch (kind) {
      case LaneCall::kStartsWith:
      case LaneCall::kEndsWith: {
        // The affix against as many bytes of the text, at its start or end: a text shorter
        // than the affix gives a shorter string, which is not equal.
        const Argument& text = arguments[0];
        const Argument& affix = arguments[1];
        // A select rather than llvm.umin, which the fast tier's instruction selector lacks.
        llvm::Value* count = builder_.CreateSelect(
            builder_.CreateICmpULT(text.length, affix.length), text.length, affix.length);
        llvm::Value* start = text.bytes;
        if (kind == LaneCall::kEndsWith) {
          llvm::Value* offset = builder_.CreateZExt(builder_.CreateSub(text.length, count), i64_);
          start = builder_.CreateInBoundsGEP(i8_, text.bytes, offset);
        }
        StoreBool(id, StringsEqual(start, count, affix.bytes, affix.length));
        break;
      }
      case LaneCall::kStringLength:
        StoreLane(
            id, Byte(OSPREY_LANE_INT),
            builder_.CreateCall(code_point_count_, {arguments[0].bytes, arguments[0].length}));
        break;
      case LaneCall::kListLength:
        StoreLane(id, Byte(OSPREY_LANE_INT), builder_.CreateZExt(arguments[0].length, i64_));
        break;
      case LaneCall::kNone:
        break;  // Not a lane node.
    }
    builder_.CreateBr(done);
    EmitSlowThenJoin(id, slow, done);
  }

  void EmitBinary(int32_t id, const ir::Node& node) {
    auto op = static_cast<ir::BinaryOp>(node.detail);
    llvm::Intrinsic::ID overflow_checked = llvm::Intrinsic::not_intrinsic;
    llvm::Instruction::BinaryOps bitwise = llvm::Instruction::BinaryOpsEnd;
    llvm::Instruction::BinaryOps floating = llvm::Instruction::BinaryOpsEnd;
    switch (op) {
      case ir::BinaryOp::kAdd:
        overflow_checked = llvm::Intrinsic::sadd_with_overflow;
        floating = llvm::Instruction::FAdd;
        break;
      case ir::BinaryOp::kSubtract:
        overflow_checked = llvm::Intrinsic::ssub_with_overflow;
        floating = llvm::Instruction::FSub;
        break;
      case ir::BinaryOp::kMultiply:
        overflow_checked = llvm::Intrinsic::smul_with_overflow;
        floating = llvm::Instruction::FMul;
        break;
      case ir::BinaryOp::kBitAnd:
        bitwise = llvm::Instruction::And;
        break;
      case ir::BinaryOp::kBitOr:
        bitwise = llvm::Instruction::Or;
        break;
      case ir::BinaryOp::kBitXor:
        bitwise = llvm::Instruction::Xor;
        break;
      default:
        // Division, modulo, power and shifts have error cases and Python's rounding rules:
        // the runtime computes them.
        return EmitSlow(id);
    }
    Operands operands = LoadOperands(node);
    llvm::BasicBlock* ints = NewBlock("bin.int");
    llvm::BasicBlock* not_ints = NewBlock("bin.notint");
    llvm::BasicBlock* slow = NewBlock("bin.slow");
    llvm::BasicBlock* done = NewBlock("bin.done");
    builder_.CreateCondBr(BothAre(operands, OSPREY_LANE_INT), ints, not_ints);

    builder_.SetInsertPoint(ints);
    if (bitwise != llvm::Instruction::BinaryOpsEnd) {
      StoreLane(id, Byte(OSPREY_LANE_INT),
                builder_.CreateBinOp(bitwise, operands.bits_a, operands.bits_b));
      builder_.CreateBr(done);
    } else {
      // Beyond 64 bits the runtime computes the exact (big) result.
      llvm::Value* checked =
          builder_.CreateBinaryIntrinsic(overflow_checked, operands.bits_a, operands.bits_b);
      llvm::BasicBlock* fits = NewBlock("bin.fits");
      builder_.CreateCondBr(builder_.CreateExtractValue(checked, 1), slow, fits);
      builder_.SetInsertPoint(fits);
      StoreLane(id, Byte(OSPREY_LANE_INT), builder_.CreateExtractValue(checked, 0));
      builder_.CreateBr(done);
    }

    builder_.SetInsertPoint(not_ints);
    if (floating != llvm::Instruction::BinaryOpsEnd) {
      llvm::BasicBlock* floats = NewBlock("bin.float");
      builder_.CreateCondBr(BothAre(operands, OSPREY_LANE_FLOAT), floats, slow);
      builder_.SetInsertPoint(floats);
      llvm::Value* result =
          builder_.CreateBinOp(floating, builder_.CreateBitCast(operands.bits_a, f64_),
                               builder_.CreateBitCast(operands.bits_b, f64_));
      StoreLane(id, Byte(OSPREY_LANE_FLOAT), builder_.CreateBitCast(result, i64_));
      builder_.CreateBr(done);
    } else {
      builder_.CreateBr(slow);
    }

    EmitSlowThenJoin(id, slow, done);
  }

  void EmitNegate(int32_t id, const ir::Node& node) {
    llvm::Value* lane = OperandLane(node.operands[0].value);
    llvm::Value* tag = Tag(lane);
    llvm::Value* bits = Bits(lane);
    llvm::BasicBlock* ints = NewBlock("neg.int");
    llvm::BasicBlock* not_ints = NewBlock("neg.notint");
    llvm::BasicBlock* floats = NewBlock("neg.float");
    llvm::BasicBlock* slow = NewBlock("neg.slow");
    llvm::BasicBlock* done = NewBlock("neg.done");
    // -INT64_MIN does not fit in int64: the runtime makes the big int 2**63.
    llvm::Value* negatable = builder_.CreateAnd(
        TagIs(tag, OSPREY_LANE_INT),
        builder_.CreateICmpNE(bits, builder_.getInt64(static_cast<uint64_t>(INT64_MIN))));
    builder_.CreateCondBr(negatable, ints, not_ints);
    builder_.SetInsertPoint(ints);
    StoreLane(id, Byte(OSPREY_LANE_INT), builder_.CreateSub(builder_.getInt64(0), bits));
    builder_.CreateBr(done);
    builder_.SetInsertPoint(not_ints);
    builder_.CreateCondBr(TagIs(tag, OSPREY_LANE_FLOAT), floats, slow);
    builder_.SetInsertPoint(floats);
    StoreLane(
        id, Byte(OSPREY_LANE_FLOAT),
        builder_.CreateBitCast(builder_.CreateFNeg(builder_.CreateBitCast(bits, f64_)), i64_));
    builder_.CreateBr(done);
    EmitSlowThenJoin(id, slow, done);
  }

  llvm::LLVMContext& context_;
  llvm::Module& module_;
  const ir::Program& program_;
  const std::vector<uint8_t>& lane_nodes_;
  const bool inline_rules_;  // See LowerToLlvm.
  // Without Require, the runtime calls an entry function once per action, when every node it
  // contains is pending (it contains no fixed or deferred node): no state needs testing.
  const bool single_pass_;
  llvm::IRBuilder<> builder_;

  llvm::Type* i8_;
  llvm::Type* i32_;
  llvm::Type* i64_;
  llvm::Type* f64_;
  llvm::PointerType* ptr_;
  llvm::StructType* lane_type_;
  llvm::FunctionCallee load_;
  llvm::FunctionCallee truth_;
  llvm::FunctionCallee evaluate_run_;
  llvm::FunctionCallee evaluate_lane_;
  llvm::FunctionCallee strings_equal_;
  llvm::FunctionCallee code_point_count_;
  llvm::FunctionCallee pattern_member_;
  std::map<std::string, llvm::Value*> constant_strings_;  // ConstantString, by text.

  llvm::Function* function_ = nullptr;
  llvm::Value* frame_ = nullptr;
  llvm::Value* state_ = nullptr;
  llvm::Value* lanes_ = nullptr;
};

}  // namespace

LoweredModule LowerToLlvm(llvm::LLVMContext& context, const ir::Program& program,
                          const ir::ActionPaths& paths, const std::vector<uint8_t>& lane_nodes,
                          bool inline_rules, const std::string& prefix) {
  LoweredModule lowered;
  lowered.module = std::make_unique<llvm::Module>(prefix, context);
  Lowerer lowerer(*lowered.module, program, lane_nodes, inline_rules);
  // Action names often run the same files (no Require tells them apart): one function each.
  std::map<std::vector<int32_t>, std::string> function_of_nodes;
  for (const ir::ActionPartition& partition : paths.partitions) {
    std::vector<int32_t> key;
    for (ir::NodeId id : partition.nodes) key.push_back(id.value);
    auto [it, added] = function_of_nodes.try_emplace(
        std::move(key), absl::StrCat(prefix, "_entry", function_of_nodes.size()));
    if (added) lowerer.EmitEntry(it->second, partition.nodes);
    lowered.entry_of_partition.push_back(it->second);
  }
  return lowered;
}

}  // namespace osprey::codegen::internal
