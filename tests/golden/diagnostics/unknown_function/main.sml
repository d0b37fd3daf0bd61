Value = Frobnicate(level=3)  # EXPECT-ERROR: [UnknownFunction]
