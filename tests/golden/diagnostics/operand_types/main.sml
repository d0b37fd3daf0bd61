Name = GetActionName()
Shorter = Name - 1  # EXPECT-ERROR: [OperandTypes]
