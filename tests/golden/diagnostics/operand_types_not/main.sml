Name = GetActionName()
NotName = not Name  # EXPECT-ERROR: [OperandTypes]
