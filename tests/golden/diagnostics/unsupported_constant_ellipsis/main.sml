Value = ...  # EXPECT-ERROR: [UnsupportedConstant]
