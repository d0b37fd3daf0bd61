Description = 'spam action'
IsSpam = Rule(when_all=[GetActionName() == 'spam'], description=Description)  # EXPECT-ERROR: [RuleDescription]
