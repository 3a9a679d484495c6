"""One handler module per feature; each exposes register(app)."""
