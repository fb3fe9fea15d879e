"""Version 3: only compatible changes from version 1."""
from typing import TYPE_CHECKING, TypeVar, overload

from .geometry import Point as Point
from .geometry import distance
from os import path

if TYPE_CHECKING:
    from collections.abc import Sequence

T = TypeVar("T", bound=float)

__version__ = "1.0"
_cache: dict[str, int] = {}

type Number = int | float


def area(width: float, height: float = 1.0) -> float:
    return width * height


def scale(value, factor: int):
    return value * factor


def count(items: int | str | bytes) -> int:
    return 0


def label() -> bool:
    return True


def first(items: "Sequence[T]") -> T:
    return items[0]


@overload
def parse(text: str) -> int: ...
@overload
def parse(text: bytes) -> bytes: ...
def parse(text: str | bytes) -> int | bytes:
    return text


def helper(extra: int = 0) -> None:
    pass


class Shape:
    sides: int
    name = "shape"

    def __init__(self, sides: int) -> None:
        self.sides = sides
        self.color = "red"

    @property
    def perimeter(self) -> float:
        return 0.0

    def describe(self, verbose: bool = False, *, indent: int = 0) -> str:
        return ""

    def _internal(self) -> None:
        pass

    class Meta:
        version: int = 1


class Square(Shape):
    def grow(self, by: int) -> "Square":
        return self


def size() -> int:
    return 0
