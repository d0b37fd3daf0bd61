X: bool = JsonData(path='$.x', requird=False)  # EXPECT-ERROR: [UnknownKeyword]
