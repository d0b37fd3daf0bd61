Score = JsonData(path='$.score')  # EXPECT-ERROR: [DynamicCallAnnotation]
