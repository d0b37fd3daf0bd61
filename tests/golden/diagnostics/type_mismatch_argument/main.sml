Matches = RegexMatch(pattern='spam', target=GetActionId())  # EXPECT-ERROR: [TypeMismatch]
