Count = GetActionId()
Message = f'{Count + 1} actions'  # EXPECT-ERROR: [InvalidFormatString]
