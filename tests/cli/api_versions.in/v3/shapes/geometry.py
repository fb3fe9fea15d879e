class Point:
    x: float
    y: float


def distance(a: Point, b: Point) -> float:
    return 0.0
