UserName: str = JsonData(path='$.user.name', coerce=True)  # EXPECT-ERROR: [UnknownKeyword]
