PostText: str = JsonData(path='$.text')
