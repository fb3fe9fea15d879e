def describe(command: str) -> str:
    match command:
        case "go":
            return "moving"
        case _:
            return "waiting"


LIMIT = 10  # type: ignore
