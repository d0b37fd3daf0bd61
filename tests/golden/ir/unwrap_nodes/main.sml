# Entities, rules and time deltas unwrap where a plain value is wanted.
UserId: Entity[str] = EntityJson(type='User', path='$.user.id')
IsAdmin = UserId == 'admin'
IdLength = StringLength(s=UserId)
Created: str = JsonData(path='$.created')
Age = TimeSince(timestamp=Created)
Young = Age < TimeDelta(days=3)
Bucket = GetTimedeltaBucket(timedelta=Age, granularity_seconds=3600)
New = Rule(when_all=[Young], description='young')
NotNew = not New
Both = New and IsAdmin
