from collections.abc import Hashable
from typing import TypeVar

Key = TypeVar("Key", bound=str)
Name = TypeVar("Name", bound=Hashable)
Text = TypeVar("Text", str)
Data = TypeVar("Data", str, bytes, bytearray)
Item = TypeVar("Item", bound=int)
Free = TypeVar("Free", int, str)
Out = TypeVar("Out")
Same = TypeVar("Same", bound=int)
