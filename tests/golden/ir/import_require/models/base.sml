ActionName = GetActionName()
