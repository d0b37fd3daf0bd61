Mapping = {'a': 1}  # EXPECT-ERROR: [UnsupportedSyntax]
