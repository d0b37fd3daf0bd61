Tags = []  # EXPECT-ERROR: [EmptyListType]
