from collections.abc import Hashable
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)
Name = TypeVar("Name", bound=str)
Text = TypeVar("Text", str, bytes)
Data = TypeVar("Data", str, bytes)
Item = TypeVar("Item")
Free = TypeVar("Free")
Out = TypeVar("Out", covariant=True)
Same = TypeVar("Same", bound=int)
