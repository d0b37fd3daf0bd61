Tags = ['a', 'b']
Message = f'tags: {Tags}'  # EXPECT-ERROR: [FormatStringType]
