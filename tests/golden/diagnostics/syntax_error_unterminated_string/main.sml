Greeting = 'hello  # EXPECT-ERROR: [SyntaxError]
