IsKnown = GetActionId() in ['a', 'b']  # EXPECT-ERROR: [IncompatibleComparison]
