"""Helpers several features share: limit warnings and the day-total reply after an intake."""
