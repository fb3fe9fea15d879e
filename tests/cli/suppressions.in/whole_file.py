# type: ignore
"""A module whose errors are all suppressed by the comment above the docstring."""

def broken(:
    pass
