"""calcibot nutrition package."""
