Window = TimeDelta(seconds=Seconds)  # EXPECT-ERROR: [ConstantArgument] EXPECT-ERROR: [ConstantArgument]
