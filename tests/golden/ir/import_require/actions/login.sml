Ok: bool = JsonData(path='$.ok')
