"""The national document axis (Trục liên thông văn bản quốc gia) through its four verbs.

The verbs are those of the axis's SDK as public integrator code uses it (`sendEdoc`,
`getReceivedEdocList`, `getEdoc`, `updateStatus`); the HTTP mapping below is ours, kept in this one
class so that the real endpoint's shape, when the province receives the axis's technical guide,
changes nothing else. `updateStatus(docid, "done"|"fail")` is a **transport acknowledgement**
("I have fetched it"), never a business status: the business answer (01, 02, ...) is a Status
message sent back through `sendEdoc`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode

from .base import DeliveryError, PermanentDeliveryError, classify_http

MessageType = Literal["edoc", "status"]
Ack = Literal["done", "fail"]
MAX_MESSAGE_BYTES = 48 * 1024 * 1024


@dataclass(frozen=True)
class Knobstick:
    """One message waiting for us on the axis: its id there, who sent it, to whom."""

    id: str
    from_: str
    to: str
    message_type: MessageType


class AxisClient:
    def __init__(self, url: str, *, organ_id: str, token: str, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self.organ_id = organ_id
        self.token = token
        self.timeout = timeout

    def _call(
        self,
        method: str,
        verb: str,
        *,
        query: dict[str, str] | None = None,
        body: bytes | None = None,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> bytes:
        url = f"{self.url}/{verb}" + (f"?{urlencode(query)}" if query else "")
        request = urllib.request.Request(url, data=body, method=method)  # noqa: S310  (https or loopback from settings)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-Organ-Id", self.organ_id)
        if body is not None:
            request.add_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return response.read(MAX_MESSAGE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            failure = classify_http(exc.code, exc.read(4096))
            raise failure or DeliveryError(str(exc)) from exc
        except (OSError, ValueError) as exc:
            raise DeliveryError(f"Không kết nối được trục liên thông: {exc}") from exc

    def _json(self, raw: bytes) -> dict[str, Any]:
        try:
            answer = json.loads(raw)
        except ValueError as exc:
            raise DeliveryError("Trục liên thông trả lời không đúng định dạng JSON.") from exc
        if not isinstance(answer, dict):
            raise DeliveryError("Trục liên thông trả lời không đúng định dạng.")
        return answer

    def send_edoc(self, payload: bytes, *, message_type: MessageType, to: str) -> str:
        """sendEdoc: hand a message to the axis; its id there."""
        answer = self._json(
            self._call(
                "POST",
                "sendEdoc",
                body=payload,
                content_type="application/xml",
                headers={"X-Service-Type": "eDoc", "X-Message-Type": message_type, "X-To": to},
            )
        )
        if answer.get("status") != "OK":
            raise PermanentDeliveryError(f"Trục liên thông từ chối: {answer.get('errorDesc', answer)}")
        return str(answer.get("docId", ""))

    def received(self, message_type: MessageType) -> list[Knobstick]:
        """getReceivedEdocList: what waits for us."""
        answer = self._json(
            self._call(
                "GET", "getReceivedEdocList", query={"servicetype": "eDoc", "messagetype": message_type}
            )
        )
        return [
            Knobstick(str(k["id"]), str(k.get("from", "")), str(k.get("to", "")), message_type)
            for k in answer.get("knobsticks", [])
            if isinstance(k, dict) and "id" in k
        ]

    def get(self, doc_id: str) -> bytes:
        """getEdoc: the message's bytes."""
        data = self._call("GET", "getEdoc", query={"docId": doc_id})
        if len(data) > MAX_MESSAGE_BYTES:
            raise PermanentDeliveryError("Thông điệp trên trục vượt quá giới hạn kích thước.")
        return data

    def acknowledge(self, doc_id: str, ack: Ack) -> None:
        """updateStatus: the transport acknowledgement (fetched and handled, or not)."""
        answer = self._json(
            self._call("POST", "updateStatus", body=json.dumps({"docid": doc_id, "status": ack}).encode())
        )
        if answer.get("status") != "OK":
            raise DeliveryError(f"Trục liên thông không ghi nhận xác nhận: {answer.get('errorDesc', answer)}")
