UserId: Entity[str] = EntityJson(type='User', path='$.user_id')
IsTrusted = HasLabel(entity=UserId, label='trustd')  # EXPECT-ERROR: [UnknownLabel]
