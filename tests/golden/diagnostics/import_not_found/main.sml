Import(rules=['models/account.sml'])  # EXPECT-ERROR: [ImportNotFound]
