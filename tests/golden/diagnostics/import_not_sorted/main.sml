Import(rules=['models/user.sml', 'models/post.sml'])  # EXPECT-ERROR: [ImportNotSorted]
