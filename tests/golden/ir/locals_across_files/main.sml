Import(rules=['a.sml', 'b.sml'])
_Value = 'main'
FromMain = f'{_Value} {AValue} {BValue}'
