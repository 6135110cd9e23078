"""Run-time overrides of a package's settings: what the demo and the tests set while they run.

`motcua demo` starts loopback services (the demo PKI, the payment sandbox) whose addresses exist
only once they listen; tests point a package at their own. Both win over Django settings and are
undone with `kept()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class RuntimeOverrides(dict[str, object]):
    """A package's overrides: read like a dict, set with `set(**values)`, undone by `kept()`."""

    @contextmanager
    def kept(self) -> Iterator[None]:
        """Whatever is overridden inside the block is undone when it ends, even by an exception."""
        saved = dict(self)
        try:
            yield
        finally:
            self.clear()
            self.update(saved)

    def set(self, **values: object) -> None:
        """Set values; None clears one (the setting applies again)."""
        for key, value in values.items():
            if value is None:
                self.pop(key, None)
            else:
                self[key] = value
