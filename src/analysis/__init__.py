"""Measure how Arabic news frames political actors."""
__version__ = "0.1.0"
