Name = GetActionName(kwargs=1)  # EXPECT-ERROR: [UnknownKeyword]
