"""Domain logic in plain Python: no Flask, no database models."""
