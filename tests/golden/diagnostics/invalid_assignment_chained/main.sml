First = Second = 1  # EXPECT-ERROR: [InvalidAssignment]
