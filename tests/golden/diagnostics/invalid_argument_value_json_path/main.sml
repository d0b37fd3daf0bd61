UserName: str = JsonData(path='$..')  # EXPECT-ERROR: [InvalidArgumentValue]
