# Integer literals beyond 64 bits, as expressions and as constant arguments: the runtime makes
# their exact values (big ints).
TS: int = JsonData(path='$.ts')
Hour = GetTimestampBucket(timestamp=TS, granularity_seconds=100000000000000000000)
Name = GetActionName()
Prefix = StringSlice(s=Name, start=0, end=0X1_0000_0000_0000_0000)
Lit: ExtractLiteral[int] = 99999999999999999999
Negative = -99999999999999999999
Min = -9223372036854775808
Sum = TS + 170141183460469231731687303715884105728
