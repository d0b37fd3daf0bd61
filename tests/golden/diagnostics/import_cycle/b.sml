Import(rules=['a.sml'])  # EXPECT-ERROR: [ImportCycle]
B = 2
