AccountAge: int = JsonData(path='$.account.age')
