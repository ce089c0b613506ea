"""Filled application forms back to data: read, check, tabulate."""
