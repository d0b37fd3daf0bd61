# Entry point of the example ruleset. Osprey runs this file for every action.
#
# The shared models are imported here; the rules for one kind of action live in
# rules/<action name>.sml and only run for that action (an action with no such file, such as
# `login`, runs no rules).
Import(rules=['models/base.sml'])

Require(rule=f'rules/{ActionName}.sml')
