Name = GetActionName()
IsMissing = Name is None  # EXPECT-ERROR: [UnsupportedOperator]
