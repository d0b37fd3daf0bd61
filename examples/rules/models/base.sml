# Fields every action has.
ActionName = GetActionName()
ActionId = GetActionId()
