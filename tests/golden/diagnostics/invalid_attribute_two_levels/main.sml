Value = a.b.c  # EXPECT-ERROR: [InvalidAttribute]
