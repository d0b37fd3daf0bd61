Name = GetActionName()
Spam = = Name  # EXPECT-ERROR: [SyntaxError]
