"""Answering reminders by button or in words, and doses taken outside the schedule."""
