Import(rules=['account.sml'])  # EXPECT-ERROR: [ImportNotFound]
UserName: str = JsonData(path='$.user.name')
