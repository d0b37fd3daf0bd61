Import(rules=['models/post.sml', 'models/user.sml'])

PhraseSpam = Rule(
  when_all=[SpamPhraseCount >= 2],
  description=f'post {PostId} contains {SpamPhraseCount} spam phrases',
)

NewAccountLinkSpam = Rule(
  when_all=[IsNewAccount, LinkCount >= 3],
  description=f'account younger than 3 days posted {LinkCount} links',
)

KnownSpammerPostsLink = Rule(
  when_all=[IsKnownSpammer, LinkCount > 0],
  description=f'{UserId} is labelled spammer and posted a link',
)

WhenRules(
  rules_any=[PhraseSpam, NewAccountLinkSpam],
  then=[
    DeclareVerdict(verdict='reject'),
    LabelAdd(entity=UserId, label='spammer'),
  ],
)

WhenRules(
  rules_any=[KnownSpammerPostsLink],
  then=[
    DeclareVerdict(verdict='review'),
    LabelAdd(entity=PostId, label='hidden_post'),
  ],
)
