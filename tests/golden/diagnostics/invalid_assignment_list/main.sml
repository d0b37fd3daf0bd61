[First, Second] = [1, 2]  # EXPECT-ERROR: [InvalidAssignment]
