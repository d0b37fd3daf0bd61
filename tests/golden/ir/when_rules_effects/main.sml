UserId: Entity[str] = EntityJson(type='User', path='$.user.id')
Bad = Rule(when_all=[HasLabel(entity=UserId, label='bad')], description='labelled bad')
Worse = Rule(
  when_all=[HasLabel(entity=UserId, label='bad'), GetActionName() == 'post'],
  description='bad poster',
)
WhenRules(
  rules_any=[Bad, Worse],
  then=[
    DeclareVerdict(verdict='reject'),
    LabelAdd(entity=UserId, label='watched'),
    LabelRemove(entity=UserId, label='trusted'),
  ],
)
WhenRules(rules_any=[Worse], then=[DeclareVerdict(verdict='review')])
