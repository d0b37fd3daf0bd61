Import(rules='models/user.sml')  # EXPECT-ERROR: [ImportArgument]
