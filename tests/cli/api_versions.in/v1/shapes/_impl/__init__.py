def secret() -> int: return 1
