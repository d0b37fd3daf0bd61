Import(rules=['./models/user.sml'])  # EXPECT-ERROR: [ImportNotFound]
