ActionName = GetActionName()
Require(rule=f'actions/{ActionName}.sml')  # EXPECT-ERROR: [RequireNeverMatches]
