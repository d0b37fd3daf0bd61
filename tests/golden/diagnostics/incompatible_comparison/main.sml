IsFirst = GetActionName() == 1  # EXPECT-ERROR: [IncompatibleComparison]
