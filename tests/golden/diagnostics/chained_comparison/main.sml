Count = GetActionId()
InRange = 1 < Count < 10  # EXPECT-ERROR: [ChainedComparison]
