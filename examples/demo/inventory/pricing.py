"""Discounts and totals."""

from inventory.models import Item


def apply_discount(item: Item, percent: int) -> Item:
    return Item(item.name, item.price * (1 - percent / 100), item.quantity)


def total_value(items: list[Item]) -> int:
    # Bug: a sum of float values is a float, not an int.
    return sum(item.value() for item in items)


def stock_label(item: Item) -> str:
    # Bug: `match` needs Python 3.10, but the project supports 3.9.
    match item.quantity:
        case 0:
            return f"{item.name}: sold out"
        case _:
            return f"{item.name}: {item.quantity} left"
