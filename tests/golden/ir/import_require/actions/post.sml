Import(rules=['models/base.sml'])
Text: str = JsonData(path='$.text')
