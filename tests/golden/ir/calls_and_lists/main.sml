# Defaults of omitted parameters, constant arguments, list arguments, optional results.
Text: str = JsonData(path='$.text')
Parts = StringSplit(s=Text)
FirstTwo = StringSplit(s=Text, sep=',', maxsplit=2)
Clean = StringClean(s=Text)
Matches = CountRegexMatches(patterns=['a+', 'b'], target=Text)
Domains = DomainChopper(urls=StringExtractURLs(s=Text))
Maybe: Optional[str] = JsonData(path='$.maybe', required=False)
Resolved = ResolveOptional(optional_value=Maybe, default_value='none')
Lengths = [StringLength(s=Text), ListLength(list=Parts)]
Contains = 'x' in Parts and Text not in ['a', 'b']
