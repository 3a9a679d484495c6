"""/supplements: products, their schedules, and the vitamin K advice on changes."""
