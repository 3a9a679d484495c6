"""calcibot storage package."""
