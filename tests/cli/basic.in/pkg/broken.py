def scale(factor:
    return factor * 2
