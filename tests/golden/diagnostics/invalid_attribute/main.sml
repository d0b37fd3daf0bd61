Name = GetActionName()
Upper = Name.upper  # EXPECT-ERROR: [InvalidAttribute]
