"""Recompute budget performance self-evaluation scores (预算绩效自评) from versioned formula files."""

__version__ = "0.1.0"
