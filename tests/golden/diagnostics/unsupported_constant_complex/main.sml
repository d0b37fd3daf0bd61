Value = 2j  # EXPECT-ERROR: [UnsupportedConstant]
