"""Stock keeping for a small shop: items, prices and reports."""

from inventory.models import Item

__all__ = ["Item"]
