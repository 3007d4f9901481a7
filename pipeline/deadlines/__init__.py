"""Deadlines stage: dates, periods, recurrences and relative deadlines, normalized against the
document's date (the grammar is models/deadlines.toml).
"""
from .stage import deadlines_stage, find_deadlines

__all__ = ["deadlines_stage", "find_deadlines"]
