Import(rules=['models/user.sml'])
IsSpam = Rule(when_all=[UserName == 'spam'], description='spam by {UserName}')  # EXPECT-ERROR: [RuleDescription]
