"""Small servers on loopback run by a thread of this process: the demo PKI and the sandboxes of the
national platforms (payment, DVCQG), started by `motcua demo` and by the tests."""

from __future__ import annotations

import threading
from typing import Any


def serve_in_thread(server: Any, name: str) -> threading.Thread:
    """Serve `server` (anything with serve_forever) from a daemon thread; returns the thread."""
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    return thread


def shut_down(server: Any, thread: threading.Thread | None) -> None:
    """Stop serving, close the socket (the port is free again) and wait for the thread."""
    server.shutdown()
    server.server_close()
    if thread is not None:
        thread.join(timeout=5)
