"""A small clamd client: PING and INSTREAM over a unix or TCP socket (clamd's own protocol).

INSTREAM sends the file as chunks, each prefixed by its length as a 4-byte big-endian integer, ended
by a zero-length chunk; clamd answers `stream: OK`, `stream: <signature> FOUND` or `... ERROR`.
No third-party package: the protocol is these few lines, and the `clamd` package on PyPI (1.0.2, 2014)
is unmaintained.
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterable
from dataclasses import dataclass

CHUNK = 64 * 1024


class ClamdUnavailable(Exception):
    """clamd could not be reached or did not answer a scan (down, timed out, over its limits)."""


@dataclass(frozen=True)
class Verdict:
    infected: bool
    signature: str = ""


def parse_address(address: str) -> tuple[int, str | tuple[str, int]]:
    """`/run/clamav/clamd.ctl`, `unix:///run/clamav/clamd.ctl` or `tcp://clamav:3310`."""
    if address.startswith("tcp://"):
        host, _, port = address[len("tcp://") :].rstrip("/").rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"clamd address {address!r}: expected tcp://host:port")
        return socket.AF_INET, (host.strip("[]"), int(port))
    if address.startswith("unix://"):
        address = address[len("unix://") :]
    if not address.startswith("/"):
        raise ValueError(f"clamd address {address!r}: expected an absolute socket path or tcp://host:port")
    return socket.AF_UNIX, address


class Clamd:
    def __init__(self, address: str, *, timeout: float = 30.0) -> None:
        self.family, self.target = parse_address(address)
        self.timeout = timeout

    def _connect(self) -> socket.socket:
        try:
            if self.family == socket.AF_INET:
                assert isinstance(self.target, tuple)
                return socket.create_connection(self.target, timeout=self.timeout)
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            sock.connect(self.target)
            return sock
        except OSError as exc:
            raise ClamdUnavailable(f"cannot connect to clamd: {exc}") from exc

    @staticmethod
    def _read_reply(sock: socket.socket) -> str:
        data = b""
        while not data.endswith(b"\0"):
            part = sock.recv(4096)
            if not part:
                break
            data += part
        return data.rstrip(b"\0").decode("utf-8", "replace").strip()

    def ping(self) -> bool:
        try:
            with self._connect() as sock:
                sock.sendall(b"zPING\0")
                return self._read_reply(sock) == "PONG"
        except (ClamdUnavailable, OSError):
            return False

    def scan_chunks(self, chunks: Iterable[bytes]) -> Verdict:
        try:
            with self._connect() as sock:
                sock.sendall(b"zINSTREAM\0")
                for chunk in chunks:
                    for start in range(0, len(chunk), CHUNK):
                        piece = chunk[start : start + CHUNK]
                        sock.sendall(struct.pack("!L", len(piece)) + piece)
                sock.sendall(struct.pack("!L", 0))
                reply = self._read_reply(sock)
        except OSError as exc:  # including a timeout, or clamd closing on a size limit mid-stream
            raise ClamdUnavailable(f"clamd scan failed: {exc}") from exc
        return parse_reply(reply)

    def scan_bytes(self, data: bytes) -> Verdict:
        return self.scan_chunks([data])


def parse_reply(reply: str) -> Verdict:
    """`stream: OK` → clean; `stream: Eicar-Signature FOUND` → infected; anything else is an error."""
    _, _, result = reply.partition(": ")
    if result == "OK":
        return Verdict(infected=False)
    if result.endswith(" FOUND"):
        return Verdict(infected=True, signature=result[: -len(" FOUND")].strip())
    raise ClamdUnavailable(f"clamd answered {reply!r}")
