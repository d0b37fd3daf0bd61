Threshold: ExtractLiteral[int] = 1 + 1  # EXPECT-ERROR: [ExtractLiteralValue]
