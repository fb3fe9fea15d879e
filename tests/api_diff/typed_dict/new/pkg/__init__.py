from typing import TypedDict

from typing_extensions import NotRequired, ReadOnly


class Movie(TypedDict):
    title: ReadOnly[str]
    year: str
    rating: float
    director: str
    cast: list[str]


class Review(TypedDict):
    text: str
    stars: NotRequired[int]
