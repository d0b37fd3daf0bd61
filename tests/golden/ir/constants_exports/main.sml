# Literal features are not exported; ExtractLiteral forces it, Secret hides a feature.
Threshold = 10
Names = ['a', 'b']
NestedNames = [['a'], ['b', 'c']]
Pi = 3.25
Nothing = None
Flag = True
Exported: ExtractLiteral[int] = 7
Token: Secret[str] = JsonData(path='$.token')
Doubled = Threshold * 2
Computed = [Threshold, Doubled]
_Local = 'hidden'
Greeting = f'hello {_Local}'
