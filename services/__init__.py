"""calcibot services package."""
