"""Citizen pages. Thin: they ask selectors and call services, nothing more."""
