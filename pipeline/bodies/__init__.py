"""Bodies stage: who leads, coordinates, oversees and is reported to, resolved to canonical organs
(mentions, roles, names).
"""
from .stage import bodies_stage, column_role, find_bodies

__all__ = ["bodies_stage", "column_role", "find_bodies"]
