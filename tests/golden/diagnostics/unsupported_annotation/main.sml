Counts: dict = JsonData(path='$.counts')  # EXPECT-ERROR: [UnsupportedAnnotation]
