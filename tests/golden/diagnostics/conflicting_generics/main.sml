Score: Optional[int] = JsonData(path='$.score', required=False)
Resolved = ResolveOptional(optional_value=Score, default_value='zero')  # EXPECT-ERROR: [ConflictingGenerics]
