from motcua.portal.tests.conftest import judicial  # noqa: F401  (fixture)
