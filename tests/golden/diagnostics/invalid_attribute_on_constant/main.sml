Upper = 'abc'.upper  # EXPECT-ERROR: [InvalidAttribute]
