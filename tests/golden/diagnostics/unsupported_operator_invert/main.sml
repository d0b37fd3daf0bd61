Mask = ~1  # EXPECT-ERROR: [UnsupportedOperator]
