"""calcibot scheduler package."""
