Score = 1  # EXPECT-ERROR: [DuplicateFeature]
Score = 2
