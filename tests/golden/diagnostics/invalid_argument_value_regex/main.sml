Name = GetActionName()
Matches = RegexMatch(pattern='(unclosed', target=Name)  # EXPECT-ERROR: [InvalidArgumentValue]
