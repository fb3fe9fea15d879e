from collections.abc import Sequence
from typing import Any, TypeVar


def area(width: float, height: float) -> float:
    return width * height


def scale(value: float, *, factor: float) -> float:
    return value * factor


def move(y: int, x: int) -> None: ...


def label(x: int) -> bool:
    return bool(x)


def size(x: int) -> int | None:
    return x


def grow(by: int | float) -> None: ...


def connect(host: str, port: int) -> None: ...


def send(data: bytes, /, flush: bool = False) -> None: ...


def fetch(url: str) -> None: ...


def describe(x: int) -> None: ...


def loose(x: Any) -> list[Any]:
    return []


def render() -> str:
    return ""


T = TypeVar("T")


def pick(items: Sequence[T]) -> T:
    return items[0]
