from typing import overload


@overload
def convert(x: int) -> int: ...
@overload
def convert(x: object) -> str: ...
def convert(x: object) -> object:
    return x


@overload
def parse(x: int) -> int: ...
@overload
def parse(x: str) -> str: ...
@overload
def parse(x: bytes) -> bytes: ...
def parse(x: object) -> object:
    return x


@overload
def stable(x: int) -> int: ...
@overload
def stable(x: str) -> str: ...
def stable(x: object) -> object:
    return x
