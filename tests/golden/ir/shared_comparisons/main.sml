# `UserName == 'spam'` is computed once for both rules; `Score + 1` can fail, so each use
# stays its own node (every failure counts in __error_count).
UserName: str = JsonData(path='$.user.name')
Score: int = JsonData(path='$.score')
RuleA = Rule(when_all=[UserName == 'spam', Score + 1 > 3], description='a')
RuleB = Rule(when_all=[UserName == 'spam', Score + 1 > 3], description='b')
RuleC = Rule(when_all=[UserName != 'spam', not (UserName == 'spam')], description='c')
