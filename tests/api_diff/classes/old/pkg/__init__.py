from abc import ABC, abstractmethod
from typing import Protocol


class Reader(Protocol):
    def read(self) -> bytes: ...


class Task(ABC):
    @abstractmethod
    def run(self) -> None: ...

    def stop(self) -> None: ...


class Base: ...


class Widget(Base):
    size: int
    label: str

    @property
    def area(self) -> float:
        return 0.0

    def draw(self) -> None: ...


class Plugin: ...


def make() -> Widget:
    return Widget()


class ParseError(ValueError): ...


class Shape:
    def scale(self, factor: float) -> None: ...


class Square(Shape): ...


class Circle(Shape): ...
