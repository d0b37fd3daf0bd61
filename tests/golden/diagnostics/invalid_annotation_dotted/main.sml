Count: typing.Optional[int] = 1  # EXPECT-ERROR: [InvalidAnnotation]
