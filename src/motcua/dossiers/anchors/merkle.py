"""The Merkle tree of a checkpoint: pure functions, no database.

A leaf is one dossier's chain head: (dossier id, version, hash of the event at that version). The
tree is RFC 6962's Merkle Tree Hash over the leaves in the order given (checkpoints sort them by
dossier id), with its domain separation: a leaf hashes 0x00 + its bytes, an inner node 0x01 + its
two children, so no leaf can pass for an inner node. The root is computed in one pass with a stack
of O(log n) subtree roots, so ten million leaves need no more memory than ten.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import NamedTuple

HASH_BYTES = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()
NO_HEAD = "0" * 64  # the head of a dossier without events (a restore checkpoint's "not there")


class Leaf(NamedTuple):
    dossier_id: int
    version: int
    head: str  # hex SHA-256 of the event at `version`


def leaf_bytes(leaf: Leaf) -> bytes:
    """Fixed-width encoding: dossier id (8 bytes), version (4 bytes), head hash (32 bytes), big-endian."""
    if not 0 < leaf.dossier_id < 2**63 or not 0 <= leaf.version < 2**32:
        raise ValueError(f"leaf out of range: {leaf!r}")
    head = bytes.fromhex(leaf.head)
    if len(head) != HASH_BYTES:
        raise ValueError(f"head hash must be 32 bytes: {leaf!r}")
    return leaf.dossier_id.to_bytes(8, "big") + leaf.version.to_bytes(4, "big") + head


def leaf_hash(leaf: Leaf) -> bytes:
    return hashlib.sha256(b"\x00" + leaf_bytes(leaf)).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


class RootBuilder:
    """Feed leaves one by one; `root()` is the RFC 6962 Merkle Tree Hash of everything fed so far."""

    def __init__(self) -> None:
        # (size, root) of perfect subtrees, largest first; sizes are distinct powers of two
        self._stack: list[tuple[int, bytes]] = []
        self.count = 0

    def add(self, leaf: Leaf) -> None:
        self.add_hash(leaf_hash(leaf))

    def add_hash(self, digest: bytes) -> None:
        size, node = 1, digest
        while self._stack and self._stack[-1][0] == size:
            _, left = self._stack.pop()
            size, node = size * 2, node_hash(left, node)
        self._stack.append((size, node))
        self.count += 1

    def root(self) -> bytes:
        if not self._stack:
            return EMPTY_ROOT
        # The tree of n leaves is its largest perfect subtree on the left and the tree of the
        # rest on the right: fold the stack from the right.
        node = self._stack[-1][1]
        for _, left in reversed(self._stack[:-1]):
            node = node_hash(left, node)
        return node


def merkle_root(leaves: Iterable[Leaf]) -> bytes:
    builder = RootBuilder()
    for leaf in leaves:
        builder.add(leaf)
    return builder.root()
