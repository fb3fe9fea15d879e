from typing import TypedDict

from typing_extensions import NotRequired


class Movie(TypedDict):
    title: str
    year: int
    rating: NotRequired[float]
    studio: str
    director: str


class Review(TypedDict):
    text: str
