"""Onboarding questions, their buttons, and /settings (which asks the same questions again)."""
