IsSpam = Rule(when_all=[UserName == 'spammer'], description='spam')  # EXPECT-ERROR: [UnknownName]
