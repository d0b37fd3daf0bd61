Import(rules=['models/user.sml'])
UserName = GetActionName()  # EXPECT-ERROR: [DuplicateFeature]
