Import(rules=['models/user.sml'])

DisposableEmail = Rule(
  when_all=[
    UserEmail != None and EmailDomainName in ['mailinator.com', 'trashmail.com'],
  ],
  description='registration with a disposable email domain',
)

WhenRules(
  rules_any=[DisposableEmail],
  then=[
    DeclareVerdict(verdict='challenge'),
    LabelAdd(entity=UserId, label='disposable_email'),
  ],
)
