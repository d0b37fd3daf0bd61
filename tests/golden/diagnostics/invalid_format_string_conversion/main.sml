Name = GetActionName()
Message = f'action {Name!r}'  # EXPECT-ERROR: [InvalidFormatString]
