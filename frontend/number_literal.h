// Values of Python numeric literals.
#ifndef OSPREY_FRONTEND_NUMBER_LITERAL_H_
#define OSPREY_FRONTEND_NUMBER_LITERAL_H_

#include <cstdint>
#include <string_view>

namespace osprey::frontend {

struct NumberLiteral {
  enum class Kind : uint8_t { kInteger, kFloat, kImaginary };
  Kind kind = Kind::kInteger;
  int64_t int_value = 0;
  bool overflow = false;  // kInteger only: the value does not fit in int64.
  double float_value = 0;
};

// `text` is a NUMBER token the lexer accepted ("0x_ff", "1_000", "1e3", ".5", "3j").
NumberLiteral ParseNumberLiteral(std::string_view text);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_NUMBER_LITERAL_H_
