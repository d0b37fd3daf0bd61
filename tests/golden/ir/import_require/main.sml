Import(rules=['models/base.sml'])
Require(rule=f'actions/{ActionName}.sml')
Require(rule='extra.sml', require_if=ActionName == 'post')
