_Threshold = 10  # EXPECT-ERROR: [DuplicateLocal]
_Threshold = 20
Big = GetActionId() > _Threshold
