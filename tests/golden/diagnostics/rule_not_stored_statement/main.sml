Rule(when_all=[GetActionName() == 'spam'], description='spam')  # EXPECT-ERROR: [RuleNotStored] EXPECT-ERROR: [UnusedCallResult]
