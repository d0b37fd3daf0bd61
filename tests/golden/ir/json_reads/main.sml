# Secret reads, non-constant `required` and `coerce_type`, EntityJson, paths of every shape.
Strict: bool = JsonData(path='$.strict', required=False)
ApiKey: Secret[str] = JsonData(path='$.api_key')
Ip: ExtractSecret[str] = JsonData(path='$.ip', required=False)
Email: Optional[str] = JsonData(path='$.user.email', required=Strict)
Age: int = JsonData(path='$.user.age', required=False, coerce_type=Strict)
Both: Optional[str] = JsonData(path='$.items[0].name', required=not Strict, coerce_type=False)
Author: Entity[int] = EntityJson(type='User', path='$.author.id', required=Strict)
Tags: List[str] = JsonData(path="$['tags']")
