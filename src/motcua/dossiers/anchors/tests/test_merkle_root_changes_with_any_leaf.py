"""The checkpoint's Merkle root: RFC 6962's tree, and any change to any leaf changes it."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from motcua.dossiers.anchors.merkle import (
    EMPTY_ROOT,
    Leaf,
    RootBuilder,
    leaf_bytes,
    leaf_hash,
    merkle_root,
    node_hash,
)

leaf_strategy = st.builds(
    Leaf,
    dossier_id=st.integers(min_value=1, max_value=2**63 - 1),
    version=st.integers(min_value=0, max_value=2**32 - 1),
    head=st.binary(min_size=32, max_size=32).map(bytes.hex),
)
leaves_strategy = st.lists(leaf_strategy, min_size=1, max_size=70)


def reference_root(hashes: list[bytes]) -> bytes:
    """RFC 6962 section 2.1, as written: split at the largest power of two below n."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    k = 1 << ((len(hashes) - 1).bit_length() - 1)
    return node_hash(reference_root(hashes[:k]), reference_root(hashes[k:]))


@given(st.lists(leaf_strategy, max_size=70))
def test_the_one_pass_root_is_rfc_6962s(leaves):
    assert merkle_root(leaves) == reference_root([leaf_hash(leaf) for leaf in leaves])


def test_known_values():
    leaf = Leaf(1, 2, "ab" * 32)
    assert merkle_root([]) == EMPTY_ROOT == hashlib.sha256(b"").digest()
    assert leaf_bytes(leaf) == (1).to_bytes(8, "big") + (2).to_bytes(4, "big") + bytes.fromhex("ab" * 32)
    assert merkle_root([leaf]) == hashlib.sha256(b"\x00" + leaf_bytes(leaf)).digest()


@given(leaves_strategy, st.data())
def test_changing_any_field_of_any_leaf_changes_the_root(leaves, data):
    index = data.draw(st.integers(min_value=0, max_value=len(leaves) - 1))
    changed = data.draw(leaf_strategy.filter(lambda leaf: leaf != leaves[index]))
    edited = [*leaves[:index], changed, *leaves[index + 1 :]]
    assert merkle_root(edited) != merkle_root(leaves)


@given(leaves_strategy, st.data())
def test_dropping_adding_or_swapping_leaves_changes_the_root(leaves, data):
    root = merkle_root(leaves)
    index = data.draw(st.integers(min_value=0, max_value=len(leaves) - 1))
    assert merkle_root(leaves[:index] + leaves[index + 1 :]) != root
    assert merkle_root([*leaves, data.draw(leaf_strategy)]) != root
    other = data.draw(st.integers(min_value=0, max_value=len(leaves) - 1))
    if leaves[index] != leaves[other]:
        swapped = list(leaves)
        swapped[index], swapped[other] = swapped[other], swapped[index]
        assert merkle_root(swapped) != root


@given(leaves_strategy)
def test_an_inner_node_cannot_pass_for_a_leaf(leaves):
    """Domain separation: the root of n leaves is never the hash of one leaf made of its children."""
    builder = RootBuilder()
    for leaf in leaves:
        builder.add(leaf)
    assert builder.count == len(leaves)
    assert builder.root() not in {leaf_hash(leaf) for leaf in leaves} or len(leaves) == 1
