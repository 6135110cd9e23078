from motcua.portal.tests.conftest import Mailbox, mailbox, oidc_provider, oidc_settings  # noqa: F401  (fixtures)
