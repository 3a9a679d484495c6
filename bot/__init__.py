"""calcibot bot package."""
