UserName: str = JsonDta(path='$.user.name')  # EXPECT-ERROR: [UnknownFunction]
