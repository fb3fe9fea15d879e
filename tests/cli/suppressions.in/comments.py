def first(:  # type: ignore
    pass

def second(:  # pytc: ignore[invalid-syntax]
    pass

def third(:  # type: ignore[misc]
    pass

def fourth(:  # pytc: ignore[unreadable-file]
    pass

total = 1  # type: ignore
count = 2  # pytc: ignore[invalid-syntx]
