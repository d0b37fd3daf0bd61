Require(rule='actions/../actions/post.sml')  # EXPECT-ERROR: [RequireNotFound]
