value: int
