Window = TimeDelta(seconds=60 * 5)  # EXPECT-ERROR: [ConstantArgument]
