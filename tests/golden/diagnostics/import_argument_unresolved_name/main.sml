Import(rules=Files)  # EXPECT-ERROR: [ImportArgument]
