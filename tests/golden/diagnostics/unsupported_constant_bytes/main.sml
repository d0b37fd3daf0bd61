Data = b'raw'  # EXPECT-ERROR: [UnsupportedConstant]
