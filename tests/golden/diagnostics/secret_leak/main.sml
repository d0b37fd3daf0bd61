Token: Secret[str] = JsonData(path='$.token')
TokenCopy = Token  # EXPECT-ERROR: [SecretLeak]
