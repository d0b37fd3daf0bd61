Values = [1, 'two', 3]  # EXPECT-ERROR: [ListItemTypes]
