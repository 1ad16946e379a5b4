"""The command line: a thin face over the core (DESIGN.md §8). Commands live in cmd_*.py."""
