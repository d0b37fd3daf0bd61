UserId = JsonData(path='$.user.id', coerce_type=True)
UserName: str = JsonData(path='$.user.name'  # EXPECT-ERROR: [SyntaxError]
Other = 1
