# Integer arithmetic on constants folds, exact beyond 64 bits in between; results beyond
# 64 bits stay for the runtime (big ints).
Max = 4611686018427387904 * 2 - 1
TooBig = 4611686018427387904 * 2
Overflow = 9223372036854775807 + 1
MinInt = -9223372036854775807 - 1
NegatedMin = -(-9223372036854775807 - 1)
HugeLiteral = 9223372036854775808 - 1
MinLiteral = -9223372036854775808
BigLiteral = 99999999999999999999
HexBig = 0X1_0000_0000_0000_0000 + 1
FloorDivByZero = 7 // 0
ModByZero = 7 % 0
TrueDivision = 7 / 2
NegativeExponent = 2 ** -1
Power = (-2) ** 5
FloorNegative = -7 // 2
ModNegative = -7 % 3
Shifts = (1 << 62) + (-5 >> 1)
Bits = (12 & 10) | (12 ^ 10)
Mixed = 1.5 + 2
Nested = (1 + 2) * (3 + 4)
Id = GetActionId()
NotConstant = Id + 2 * 3
