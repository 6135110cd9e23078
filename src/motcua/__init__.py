"""motcua: the province's public service portal and electronic one-stop-shop."""

__version__ = "0.1.0"
