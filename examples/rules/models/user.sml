# The user who performed the action.
UserId: Entity[str] = EntityJson(type='User', path='$.user.id')
UserName: str = JsonData(path='$.user.name', required=False)
UserEmail: Optional[str] = JsonData(path='$.user.email', required=False)
AccountCreatedAt: str = JsonData(path='$.user.created_at', required=False)

AccountAge = TimeSince(timestamp=AccountCreatedAt)
IsNewAccount = AccountAge < TimeDelta(days=3)
IsKnownSpammer = HasLabel(entity=UserId, label='spammer')

_Email: str = ResolveOptional(optional_value=UserEmail, default_value='')
EmailDomainName = EmailDomain(email=_Email)
