Name = GetActionName()
Name == 'spam'  # EXPECT-ERROR: [BareExpression]
