"""API v1 endpoints: thin adapters between HTTP and the domain's selectors and services."""
