#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "ir/passes.h"

namespace osprey::ir {
namespace {

__extension__ typedef __int128 Wide;

bool FitsInt64(Wide value) { return value >= INT64_MIN && value <= INT64_MAX; }

// The value of a literal beyond int64 (frontend::BigIntLiteral's text) when it fits in 127
// bits.
std::optional<Wide> ParseWide(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  int base = 10;
  if (text.size() > 1 && text[0] == '0') {
    base = text[1] == 'x' ? 16 : text[1] == 'o' ? 8 : 2;
    text.remove_prefix(2);
  }
  Wide value = 0;
  for (char c : text) {
    const int digit = c <= '9' ? c - '0' : c - 'a' + 10;
    if (__builtin_mul_overflow(value, base, &value) ||
        __builtin_add_overflow(value, digit, &value)) {
      return std::nullopt;
    }
  }
  return negative ? -value : value;
}

// Python's int semantics on exact values; nullopt when the result is not an int or would not
// be exact in 127 bits.
std::optional<Wide> Apply(BinaryOp op, Wide a, Wide b) {
  Wide result;
  switch (op) {
    case BinaryOp::kAdd:
      if (__builtin_add_overflow(a, b, &result)) return std::nullopt;
      return result;
    case BinaryOp::kSubtract:
      if (__builtin_sub_overflow(a, b, &result)) return std::nullopt;
      return result;
    case BinaryOp::kMultiply:
      if (__builtin_mul_overflow(a, b, &result)) return std::nullopt;
      return result;
    case BinaryOp::kFloorDivide:
    case BinaryOp::kModulo: {
      if (b == 0) return Wide{0};  // The reference returns int 0 for division by zero.
      if (a == std::numeric_limits<Wide>::min() && b == -1) return std::nullopt;
      Wide quotient = a / b;
      Wide remainder = a % b;
      if (remainder != 0 && ((remainder < 0) != (b < 0))) {
        --quotient;
        remainder += b;
      }
      return op == BinaryOp::kFloorDivide ? quotient : remainder;
    }
    case BinaryOp::kPower: {
      if (b < 0) return std::nullopt;  // A float in Python.
      result = 1;
      for (Wide i = 0; i < b; ++i) {
        if (__builtin_mul_overflow(result, a, &result)) return std::nullopt;
        if (result == 0 || result == 1) break;
      }
      if (result == 1 && a == -1 && b % 2 == 1) result = -1;
      return result;
    }
    case BinaryOp::kLeftShift:
      if (b < 0 || b > 126) return std::nullopt;
      result = a * (Wide{1} << static_cast<int>(b));
      if (result / (Wide{1} << static_cast<int>(b)) != a) return std::nullopt;
      return result;
    case BinaryOp::kRightShift:
      if (b < 0) return std::nullopt;
      return b > 126 ? (a < 0 ? -1 : 0) : (a >> static_cast<int>(b));
    case BinaryOp::kBitOr:
      return a | b;
    case BinaryOp::kBitXor:
      return a ^ b;
    case BinaryOp::kBitAnd:
      return a & b;
    case BinaryOp::kDivide:
      return std::nullopt;  // Always a float in Python.
  }
  return std::nullopt;
}

}  // namespace

int FoldConstants(Program& program) {
  // The exact value of every node known to be a constant int, including ones beyond int64.
  std::vector<std::optional<Wide>> exact(program.nodes.size());
  int folded = 0;
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    Node& node = program.nodes[i];
    std::optional<Wide> value;
    if (node.op == Op::kConstant && node.constant.is_int()) {
      exact[i] = node.constant.as_int();
      continue;
    }
    if (node.op == Op::kConstant && node.constant.is_big_int()) {
      exact[i] = ParseWide(node.constant.as_big_int().text);
      continue;
    }
    if (node.op == Op::kBinary) {
      const auto& a = exact[node.operands[0].value];
      const auto& b = exact[node.operands[1].value];
      if (a && b) value = Apply(static_cast<BinaryOp>(node.detail), *a, *b);
    } else if (node.op == Op::kNegate) {
      const auto& a = exact[node.operands[0].value];
      if (a && *a != std::numeric_limits<Wide>::min()) value = -*a;
    }
    if (!value) continue;
    exact[i] = value;
    if (!FitsInt64(*value)) continue;  // Folded only as an input to other folds.
    node.op = Op::kConstant;
    node.detail = 0;
    node.operands.clear();
    node.constant = frontend::ConstValue{static_cast<int64_t>(*value)};
    ++folded;
  }
  return folded;
}

}  // namespace osprey::ir
