User = 1
User.name = 'x'  # EXPECT-ERROR: [InvalidAssignment]
