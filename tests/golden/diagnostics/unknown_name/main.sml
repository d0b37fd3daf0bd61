IsSpam = Rule(when_all=[Frobnicated], description='spam')  # EXPECT-ERROR: [UnknownName]
