UserId: Entity[str] = EntityJson(type='User', path='$.user.id')
Count: int = JsonData(path='$.count')
_Reason = 'too many'
Plain = Rule(when_all=[Count > 5], description='plain text')
Described = Rule(
  when_all=[Count > 10],
  description=f'{UserId} did {Count} things: {_Reason} {{literal braces}}',
)
