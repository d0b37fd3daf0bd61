Import(rules=['models/user.sml'])
