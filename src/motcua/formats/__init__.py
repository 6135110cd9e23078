"""Date and time formats of the province, in both interface languages.

A Vietnamese officer types 10/03/2025 for the tenth of March, whatever language the page is in;
Django's fallback would read it as the third of October.
"""
