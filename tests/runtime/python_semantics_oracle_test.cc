// Checks runtime/python_semantics.h against tests/runtime/testdata/python_semantics_oracle.tsv:
// about 31,000 results computed by CPython 3.11 itself (with the reference's executor rules and
// our documented deviations layered on; see gen_python_semantics_oracle.py, which also
// documents the file format). One test per group of rows, each reporting every mismatch.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/big_int.h"
#include "runtime/python_semantics.h"
#include "runtime/value.h"

namespace osprey::runtime {
namespace {

constexpr char kOraclePath[] = "tests/runtime/testdata/python_semantics_oracle.tsv";

std::string FromHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// Parses one encoded value starting at `*pos` (format in gen_python_semantics_oracle.py).
Value Parse(std::string_view text, size_t* pos) {
  const auto until_delimiter = [&] {
    const size_t end = text.find_first_of(",)", *pos);
    const std::string_view token =
        text.substr(*pos, end == std::string_view::npos ? text.size() - *pos : end - *pos);
    *pos += token.size();
    return token;
  };
  const char tag = text[*pos];
  if (tag == 'l' || tag == 'e') {
    *pos += 2;  // "l(" or "e("
    std::vector<Value> items;
    std::string entity_type;
    if (tag == 'e') {
      entity_type = FromHex(until_delimiter());
      ++*pos;  // ','
    }
    while (text[*pos] != ')') {
      items.push_back(Parse(text, pos));
      if (text[*pos] == ',') ++*pos;
    }
    ++*pos;  // ')'
    if (tag == 'e') return Value::Entity(entity_type, items.at(0));
    return Value::List(std::move(items));
  }
  const std::string token(until_delimiter());
  const std::string body = token.size() > 2 ? token.substr(2) : "";
  switch (tag) {
    case 'n':
      return Value::None();
    case 'b':
      return Value::Bool(body == "1");
    case 'i':  // Any size: beyond int64 a big int.
      return ParseIntDigits(body, 10).value();
    case 'f':
      return Value::Float(std::strtod(body.c_str(), nullptr));
    case 's':
      return Value::String(FromHex(body));
    case 't':
      return Value::TimeDelta(std::strtod(body.c_str(), nullptr));
  }
  ADD_FAILURE() << "bad value token " << token;
  return Value::None();
}

Value Parse(std::string_view text) {
  size_t pos = 0;
  return Parse(text, &pos);
}

// Same kind and same value; floats bit-exact (so -0.0 != 0.0) except that any NaN matches.
bool Same(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  if (a.kind() == Value::Kind::kFloat) {
    if (std::isnan(a.as_float()) || std::isnan(b.as_float())) {
      return std::isnan(a.as_float()) && std::isnan(b.as_float());
    }
    return a.as_float() == b.as_float() && std::signbit(a.as_float()) == std::signbit(b.as_float());
  }
  if (a.kind() == Value::Kind::kList) {
    if (a.as_list().size() != b.as_list().size()) return false;
    for (size_t i = 0; i < a.as_list().size(); ++i) {
      if (!Same(a.as_list()[i], b.as_list()[i])) return false;
    }
    return true;
  }
  return PythonEquals(a, b);
}

std::string Describe(const std::optional<Value>& value, const std::string& error) {
  if (!value) return "error: " + error;
  return PythonTypeName(*value) + " " + PythonRepr(*value);
}

struct Row {
  std::string line;
  std::string op;
  Value left;
  Value right;
  std::string expected;  // Encoded value, or "!message".
};

const std::map<std::string, std::vector<Row>>& Rows() {
  static const auto* rows = [] {
    auto* result = new std::map<std::string, std::vector<Row>>();
    std::ifstream in(kOraclePath);
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> fields;
      std::stringstream stream(line);
      std::string field;
      while (std::getline(stream, field, '\t')) fields.push_back(field);
      if (fields.size() != 5) {
        ADD_FAILURE() << "bad oracle line: " << line;
        continue;
      }
      Row row{line, fields[1], Parse(fields[2]),
              fields[3] == "-" ? Value::None() : Parse(fields[3]), fields[4]};
      (*result)[fields[0]].push_back(std::move(row));
    }
    return result;
  }();
  return *rows;
}

const std::map<std::string, BinaryOperator>& BinaryOperators() {
  static const auto* ops = new std::map<std::string, BinaryOperator>{
      {"+", BinaryOperator::kAdd},          {"-", BinaryOperator::kSubtract},
      {"*", BinaryOperator::kMultiply},     {"/", BinaryOperator::kDivide},
      {"//", BinaryOperator::kFloorDivide}, {"%", BinaryOperator::kModulo},
      {"**", BinaryOperator::kPower},       {"<<", BinaryOperator::kLeftShift},
      {">>", BinaryOperator::kRightShift},  {"|", BinaryOperator::kBitOr},
      {"^", BinaryOperator::kBitXor},       {"&", BinaryOperator::kBitAnd},
  };
  return *ops;
}

const std::map<std::string, OrderOperator>& OrderOperators() {
  static const auto* ops = new std::map<std::string, OrderOperator>{
      {"<", OrderOperator::kLess},
      {"<=", OrderOperator::kLessEqual},
      {">", OrderOperator::kGreater},
      {">=", OrderOperator::kGreaterEqual},
  };
  return *ops;
}

std::optional<Value> Evaluate(const Row& row, std::string* error) {
  if (auto it = BinaryOperators().find(row.op); it != BinaryOperators().end()) {
    return ApplyBinary(it->second, row.left, row.right, error);
  }
  if (auto it = OrderOperators().find(row.op); it != OrderOperators().end()) {
    std::optional<bool> result = Compare(it->second, row.left, row.right, error);
    if (!result) return std::nullopt;
    return Value::Bool(*result);
  }
  if (row.op == "in") {
    std::optional<bool> result = Contains(row.right, row.left, error);
    if (!result) return std::nullopt;
    return Value::Bool(*result);
  }
  if (row.op == "neg") return Negate(row.left, error);
  if (row.op == "eq") return Value::Bool(PythonEquals(row.left, row.right));
  if (row.op == "truthy") return Value::Bool(Truthy(row.left));
  if (row.op == "str") return Value::String(PythonStr(row.left));
  if (row.op == "repr") return Value::String(PythonRepr(row.left));
  *error = "unknown op in oracle: " + row.op;
  return std::nullopt;
}

struct Case {
  std::string group;
  size_t min_rows;  // Guards against a truncated or missing data file.
};

// Names the case in gtest's failure output.
void PrintTo(const Case& c, std::ostream* os) { *os << c.group; }

class OracleTest : public testing::TestWithParam<Case> {};

TEST_P(OracleTest, MatchesCPython) {
  const auto& all = Rows();
  auto it = all.find(GetParam().group);
  ASSERT_NE(it, all.end()) << "no rows for group " << GetParam().group << " in " << kOraclePath
                           << " (tests run from the repository root)";
  ASSERT_GE(it->second.size(), GetParam().min_rows);
  int failures = 0;
  for (const Row& row : it->second) {
    std::string error;
    const std::optional<Value> actual = Evaluate(row, &error);
    bool ok;
    std::string expected_text;
    if (row.expected[0] == '!') {
      expected_text = "error: " + row.expected.substr(1);
      ok = !actual && error == row.expected.substr(1);
    } else {
      const Value expected = Parse(row.expected);
      expected_text = Describe(expected, "");
      ok = actual && Same(*actual, expected);
    }
    if (!ok && ++failures <= 40) {
      ADD_FAILURE() << row.line << "\n  expected " << expected_text << "\n  actual   "
                    << Describe(actual, error);
    }
  }
  EXPECT_EQ(failures, 0) << "mismatches in group " << GetParam().group;
}

INSTANTIATE_TEST_SUITE_P(PythonSemantics, OracleTest,
                         testing::Values(Case{"arith", 5000}, Case{"bits", 1500},
                                         Case{"objects", 1500}, Case{"unary", 50},
                                         Case{"compare", 5000}, Case{"contains", 150},
                                         Case{"format", 1500}),
                         [](const testing::TestParamInfo<Case>& param_info) {
                           return param_info.param.group;
                         });

}  // namespace
}  // namespace osprey::runtime
