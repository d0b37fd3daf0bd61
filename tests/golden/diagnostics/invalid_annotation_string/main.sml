Count: 'int' = 1  # EXPECT-ERROR: [InvalidAnnotation]
