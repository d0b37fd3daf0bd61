# Integer literals beyond 64 bits are exact in the checks of constant arguments.
TS: int = JsonData(path='$.ts')
Hour = GetTimestampBucket(timestamp=TS, granularity_seconds=-99999999999999999999)  # EXPECT-ERROR: [InvalidArgumentValue]
Day = GetTimestampBucket(timestamp=TS, granularity_seconds=99999999999999999999)
Name = GetActionName()
Prefix = StringSlice(s=Name, start=0x1_0000_0000_0000_0000, end=2)  # EXPECT-ERROR: [InvalidArgumentValue]
