from abc import ABC, abstractmethod
from typing import Protocol, final


class Reader(Protocol):
    def read(self) -> bytes: ...
    def close(self) -> None: ...


class Task(ABC):
    @abstractmethod
    def run(self) -> None: ...

    @abstractmethod
    def stop(self) -> None: ...

    @abstractmethod
    def pause(self) -> None: ...


class Base: ...


@final
class Widget:
    size: str
    label: str

    @property
    def area(self) -> int:
        return 0


def Plugin() -> None: ...


def make() -> Widget:
    return Widget()


class ParseError(ValueError):
    def __init__(self, message: str) -> None: ...


class Shape:
    def scale(self, factor: float) -> None: ...


class Square(Shape):
    def scale(self, factor: float, /) -> None: ...


class Circle(Shape):
    def scale(self, factor: float, precise: bool = False) -> None: ...
