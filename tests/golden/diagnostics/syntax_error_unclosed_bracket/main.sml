Name = GetActionName()
IsSpam = Rule(  # EXPECT-ERROR: [SyntaxError]
    when_all=[Name == 'spam'],
    description='spam action'
