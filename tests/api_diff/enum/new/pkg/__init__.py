from enum import Enum


class Color(Enum):
    RED = 1
    BLUE = 3
    PURPLE = 4


class Size(Enum):
    SMALL = "s"
    LARGE = "l"
