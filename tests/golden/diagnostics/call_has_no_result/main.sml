Imported = Import(rules=['models/user.sml'])  # EXPECT-ERROR: [CallHasNoResult]
