Import(rules=['a.sml'])
_Value = 2
BValue = _Value + StringLength(s=AValue)
