Sampled = RandomBool(percentage=1.5)  # EXPECT-ERROR: [InvalidArgumentValue]
