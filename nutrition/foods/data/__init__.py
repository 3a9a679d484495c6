"""Packaged data of the food table (foods.json, built by scripts/build_food_table.py)."""
