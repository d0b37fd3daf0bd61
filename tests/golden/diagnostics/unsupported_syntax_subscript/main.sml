Names = ['a', 'b']
First = Names[0]  # EXPECT-ERROR: [UnsupportedSyntax]
