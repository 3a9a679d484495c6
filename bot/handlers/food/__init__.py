"""Meals typed as text, the user's own foods, and /undo."""
