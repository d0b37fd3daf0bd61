Import(rules=['main.sml'])  # EXPECT-ERROR: [ImportCycle]
