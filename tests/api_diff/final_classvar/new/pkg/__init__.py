from typing import ClassVar, Final

LIMIT: Final[int] = 10
TIMEOUT: int = 5


class Config:
    retries: Final[int] = 3
    cache: ClassVar[dict[str, int]] = {}
    name: str = "config"
    version: int = 1
    debug: bool = False
