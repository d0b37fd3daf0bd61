Result = GetActionName()(x=1)  # EXPECT-ERROR: [InvalidCallee]
