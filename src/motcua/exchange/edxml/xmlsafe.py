"""Turning untrusted bytes into an lxml tree, with every door of XML's attack surface shut.

No DOCTYPE (so no entity of any kind), no network, no DTD loading; byte size, depth and element
count are checked while parsing, so a hostile file is dropped before it is built in memory.
An unbound namespace prefix (seen on `xlink:href` in files extracted from zips) is reported, not
fatal: the caller decides, by its reading mode, whether to accept it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from lxml import etree

from .errors import ForbiddenXml, LimitExceeded, MalformedXml, NotEdxml
from .limits import Limits, amount


@dataclass(frozen=True)
class SafeTree:
    root: etree._Element
    unbound_prefixes: tuple[str, ...]  # prefixes used but never declared, in order of appearance


def _prefix_of(message: str) -> str:
    # libxml2: "Namespace prefix xlink for href on Reference is not defined"
    words = message.split()
    return words[2] if len(words) > 2 and words[:2] == ["Namespace", "prefix"] else "?"


def parse_safely(data: bytes, limits: Limits, *, root_name: str | None = "edXML") -> SafeTree:
    """Parse `data`; raise `NotEdxml` when it is not XML with the expected root, an `EdxmlError` otherwise.

    `root_name` is the local name the root must have (None: any root, e.g. for signature checks).
    """
    if not data or not data.strip():
        raise NotEdxml("Tệp rỗng, không phải là thông điệp edXML.")
    if len(data) > limits.max_bytes:
        raise LimitExceeded(
            f"Thông điệp edXML dài {amount(len(data))} byte, vượt giới hạn {amount(limits.max_bytes)} byte."
        )
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=limits.huge_tree,
        remove_comments=True,
        remove_pis=True,
        recover=True,  # only for unbound prefixes: every other error is checked below and refused
        collect_ids=False,
    )
    depth = 0
    count = 0
    root: etree._Element | None = None
    try:
        for event, element in events:
            if event == "end":
                depth -= 1
                continue
            depth += 1
            count += 1
            if root is None:
                root = element
                _check_root(element, root_name)
            if depth > limits.max_depth:
                raise LimitExceeded(f"Thông điệp edXML lồng sâu quá {limits.max_depth} cấp phần tử.")
            if count > limits.max_elements:
                raise LimitExceeded(f"Thông điệp edXML có quá {limits.max_elements} phần tử.")
    except etree.XMLSyntaxError as exc:
        if root is None:
            raise NotEdxml("Tệp không phải là XML nên không phải là thông điệp edXML.") from exc
        raise MalformedXml() from exc
    if root is None:
        raise NotEdxml("Tệp không phải là XML nên không phải là thông điệp edXML.")
    unbound: list[str] = []
    for entry in events.error_log:
        if entry.domain_name == "NAMESPACE" and entry.type_name == "NS_ERR_UNDEFINED_NAMESPACE":
            prefix = _prefix_of(entry.message)
            if prefix not in unbound:
                unbound.append(prefix)
            continue
        if entry.level_name in ("ERROR", "FATAL"):
            if "Resource limit exceeded" in entry.message or "Excessive depth" in entry.message:
                raise LimitExceeded("Thông điệp edXML vượt giới hạn của bộ phân tích XML.")
            raise MalformedXml()
    return SafeTree(root=root, unbound_prefixes=tuple(unbound))


def _check_root(element: etree._Element, root_name: str | None) -> None:
    tree = element.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ForbiddenXml()
    if root_name is None:
        return
    if local_name(element) != root_name:
        raise NotEdxml(f"Phần tử gốc không phải là {root_name} nên tệp không phải là thông điệp edXML.")


def local_name(element: etree._Element) -> str:
    """'{ns}Name' -> 'Name'; also 'p:Name' (an undeclared prefix, kept in the tag by recovery)."""
    tag = element.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return ""
    return tag.rpartition("}")[2].rpartition(":")[2]


def namespace_of(element: etree._Element) -> str:
    tag = element.tag
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""
