UserName: str = JsonData(path=42)  # EXPECT-ERROR: [ConstantArgument]
