GetActionName()  # EXPECT-ERROR: [UnusedCallResult]
