from typing import ClassVar, Final

LIMIT: int = 10
TIMEOUT: Final[int] = 5


class Config:
    retries: int = 3
    cache: dict[str, int] = {}
    name: ClassVar[str] = "config"
    version: Final[int] = 1
    debug: bool = False
