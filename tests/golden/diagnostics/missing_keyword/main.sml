IsSpam = Rule(when_all=[GetActionName() == 'spam'])  # EXPECT-ERROR: [MissingKeyword]
