Product = 2 @ 3  # EXPECT-ERROR: [UnsupportedOperator]
