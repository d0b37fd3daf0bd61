Import(rules=['models/user.sml', 42])  # EXPECT-ERROR: [ImportArgument]
