IsLong = Length > 10  # EXPECT-ERROR: [UnknownName]
Length = 5
