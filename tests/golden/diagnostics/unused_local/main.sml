_Unused = GetActionId()  # EXPECT-ERROR: [UnusedLocal]
Name = GetActionName()
