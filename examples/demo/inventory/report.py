"""Plain-text stock reports."""

from inventory.models import Item
from inventory.pricing import stock_label, total_value

# Bug: the module is called `pricing`; there is no `inventory.currency`.
from inventory.currency import format_money


def summary(items: list[Item]) -> str:
    count = len(items)
    # Bug: an int where the annotation promises a str.
    heading: str = count
    lines = [stock_label(item) for item in items]
    lines.append(f"{heading} items worth {format_money(total_value(items))}")
    return "\n".join(lines)


REPORT_WIDTH = 72  # type: ignore
