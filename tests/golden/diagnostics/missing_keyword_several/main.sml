Matches = RegexMatch()  # EXPECT-ERROR: [MissingKeyword]
