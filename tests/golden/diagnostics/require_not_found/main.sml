Require(rule='actions/comment.sml')  # EXPECT-ERROR: [RequireNotFound]
