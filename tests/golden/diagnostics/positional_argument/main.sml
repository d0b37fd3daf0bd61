UserName: str = JsonData('$.user.name')  # EXPECT-ERROR: [PositionalArgument]
