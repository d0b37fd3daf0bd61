Count = 1
Count += 1  # EXPECT-ERROR: [UnsupportedSyntax]
