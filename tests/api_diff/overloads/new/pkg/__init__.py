from typing import overload


@overload
def convert(x: object) -> str: ...
@overload
def convert(x: int) -> int: ...
def convert(x: object) -> object:
    return x


@overload
def parse(x: int) -> int: ...
@overload
def parse(x: bytes) -> bytes: ...
def parse(x: object) -> object:
    return x


@overload
def stable(x: int) -> int: ...
@overload
def stable(x: str) -> str: ...
@overload
def stable(x: float) -> float: ...
def stable(x: object) -> object:
    return x
