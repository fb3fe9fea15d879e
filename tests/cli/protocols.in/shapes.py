from typing import ClassVar, Protocol


class Sized(Protocol):
    size: int


class Drawable(Protocol):
    def draw(self, scale: float, /) -> str: ...


class Named(Protocol):
    @property
    def name(self) -> str: ...


class ReadOnlySize:
    @property
    def size(self) -> int:
        return 0


class SharedSize:
    size: ClassVar[int] = 0


class WrongDraw:
    def draw(self, scale: str) -> str:
        return scale


class Nameless: ...


class Square:
    size: int = 2


def render(item: Drawable) -> str:
    return item.draw(1.0)


def pick(flag: bool) -> Named:
    return Square() if flag else Nameless()


small: Sized = ReadOnlySize()
shared: Sized = SharedSize()
render(WrongDraw())


def label() -> Named:
    return Nameless()
