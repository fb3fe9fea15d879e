"""A small typed library, version 2."""
from typing import TypeVar, final, overload

from .geometry import Point as Point

T = TypeVar("T", bound=float)

__version__ = "2.0"

type Number = int | float


def area(width: float, height: float) -> float:
    return width * height


def scale(*, value: int, factor: int) -> int:
    return value * factor


def count(items: int) -> int:
    return 0


def label() -> bool:
    return True


def parse(text: str) -> int:
    return 0


def render(shape: "Shape") -> str:
    return ""


@final
class Shape:
    sides: str
    name = "shape"

    def __init__(self, sides: int) -> None:
        self.sides = str(sides)

    @property
    def perimeter(self) -> float | None:
        return 0.0

    def describe(self, verbose: bool = False, indent: int = 0) -> str:
        return ""

    class Meta:
        version: int = 1


class Square:
    def grow(self, by: int | float) -> "Square":
        return self


def size() -> int | None:
    return None
