Score = Score + 1  # EXPECT-ERROR: [SelfReference]
