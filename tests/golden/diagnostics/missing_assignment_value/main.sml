UserName: str  # EXPECT-ERROR: [MissingAssignmentValue]
