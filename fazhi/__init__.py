"""Fazhi (法治): one platform for a justice bureau and the units under it."""

__version__ = "0.1.0"
