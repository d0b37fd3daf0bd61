_Value: str = JsonData(path='$.a')
AValue = StringToUpper(s=_Value)
