Import(
    rules=[
        'models/user.sml',  # EXPECT-ERROR: [ImportDuplicate]
        'models/user.sml',
    ]
)
