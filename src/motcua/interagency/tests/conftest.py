from motcua.exchange.tests.conftest import pki  # noqa: F401  (fixture: the test PKI, session-wide)
