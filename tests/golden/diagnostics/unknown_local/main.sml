Import(rules=['models/user.sml'])
IsSpam = Rule(when_all=[_Flagged], description='spam')  # EXPECT-ERROR: [UnknownLocal]
