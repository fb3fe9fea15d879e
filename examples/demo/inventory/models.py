"""The domain objects of the inventory."""

from dataclasses import dataclass


@dataclass
class Item:
    name: str
    price: float
    quantity: int = 0

    def value(self) -> float:
        """What the items in stock are worth."""
        return self.price * self.quantity

    def restock(self, amount: int) -> None:
        self.quantity += amount
