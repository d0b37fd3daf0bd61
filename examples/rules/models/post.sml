# The post of a `create_post` action.
PostId: Entity[str] = EntityJson(type='Post', path='$.post.id')
PostText: str = JsonData(path='$.post.text')
PostLinks: List[str] = JsonData(path='$.post.links', required=False)

LinkCount = ListLength(list=PostLinks)
SpamPhraseCount = CountRegexMatches(
  patterns=['free money', r'click\s+here', 'crypto giveaway', r'dm\s+me'],
  target=PostText,
  case_insensitive=True,
)
