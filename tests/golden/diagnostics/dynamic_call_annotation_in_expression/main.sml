NextScore: int = JsonData(path='$.score') + 1  # EXPECT-ERROR: [DynamicCallAnnotation]
