from typing import Any, TypeVar

from pkg import io as io


def area(width: float, height: float = 1.0) -> float:
    return width * height


def scale(value: float, factor: float) -> float:
    return value * factor


def move(x: int, y: int) -> None: ...


def label(x: int) -> int:
    return x


def size(x: int) -> int:
    return x


def grow(by: int) -> None: ...


def connect(host: str) -> None: ...


def send(data: bytes, /) -> None: ...


def fetch(url: str, retries: int) -> None: ...


def describe(x: int) -> None: ...


def loose(x: Any) -> list[int]:
    return []


def first() -> None: ...


T = TypeVar("T")


def pick(items: list[T]) -> T:
    return items[0]
