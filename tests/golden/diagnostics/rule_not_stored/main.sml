_IsSpam = Rule(when_all=[GetActionName() == 'spam'], description='spam')  # EXPECT-ERROR: [RuleNotStored]
Flag = _IsSpam
