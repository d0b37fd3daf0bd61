Count = GetActionId()
if Count > 1:  # EXPECT-ERROR: [UnsupportedSyntax]
    Big = True
