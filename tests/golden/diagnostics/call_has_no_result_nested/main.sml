Name = GetActionName()
Results = [Require(rule=f'actions/{Name}.sml')]  # EXPECT-ERROR: [CallHasNoResult]
