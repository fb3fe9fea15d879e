"""A small package with one broken module."""
