Tags: list[str] = JsonData(path='$.tags')  # EXPECT-ERROR: [UnsupportedAnnotation]
