ActionName: int = GetActionName()  # EXPECT-ERROR: [TypeMismatch]
