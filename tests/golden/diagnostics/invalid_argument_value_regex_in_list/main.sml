Name = GetActionName()
MatchCount = CountRegexMatches(patterns=['spam', '[unclosed'], target=Name)  # EXPECT-ERROR: [InvalidArgumentValue]
