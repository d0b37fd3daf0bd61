UserId: Entity[str] = EntityJson(type='User', path='$.user.id')
UserName: str = JsonData(path='$.user.name')
