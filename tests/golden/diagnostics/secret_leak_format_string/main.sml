Token: Secret[str] = JsonData(path='$.token')
Message = f'token {Token}'  # EXPECT-ERROR: [SecretLeak] EXPECT-ERROR: [SecretLeak]
