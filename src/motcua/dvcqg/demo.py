"""The demo's national portal: the sandbox on loopback, with this process's sync pointed at it."""

from __future__ import annotations

from django.conf import settings

from .sandbox import Sandbox
from .services import _enqueue_delivery


def start_sandbox() -> Sandbox:
    """Start the sandbox, point the sync at it (this process; the worker gets `settings()` in its
    environment) and queue one delivery pass for the dossiers the demo seeded."""
    sandbox = Sandbox().start()
    for name, value in sandbox.settings().items():
        setattr(settings, name, value)
    _enqueue_delivery()
    return sandbox
