Path = 'actions/post.sml'
Require(rule=Path)  # EXPECT-ERROR: [RequireArgument]
