Name = GetActionName()
Prefix = StringSlice(s=Name, start=5, end=2)  # EXPECT-ERROR: [InvalidArgumentValue]
