UserId: Entity[str] = EntityJson(type='User', path='$.user_id')
WasMarked = HasLabel(entity=UserId, label='spammer', status='manually_added')  # EXPECT-ERROR: [UnknownLabelStatus]
