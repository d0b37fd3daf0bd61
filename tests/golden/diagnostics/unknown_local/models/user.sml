_Flagged = GetActionName() == 'spam'
Flag = _Flagged
