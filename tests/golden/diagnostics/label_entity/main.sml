_UserId: Entity[str] = EntityJson(type='User', path='$.user_id')
IsBad = Rule(when_all=[GetActionName() == 'spam'], description='spam action')
WhenRules(rules_any=[IsBad], then=[LabelAdd(entity=_UserId, label='spammer')])  # EXPECT-ERROR: [LabelEntity]
