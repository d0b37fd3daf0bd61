Count = GetActionId()
Message = f'{Count:>10} actions'  # EXPECT-ERROR: [InvalidFormatString]
