Import(rules=['models/user.sml'])
IsSpam = Rule(when_all=[UserNmae == 'spammer'], description='spam')  # EXPECT-ERROR: [UnknownName]
