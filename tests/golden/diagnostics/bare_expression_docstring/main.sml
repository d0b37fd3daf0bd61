"""Rules for spam."""  # EXPECT-ERROR: [BareExpression]
Name = GetActionName()
