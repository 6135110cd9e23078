"""The procedure catalogue and the agencies, read-only and public."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, prefetch_related_objects
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from motcua.agencies.models import Agency
from motcua.agencies.selectors import active_agencies
from motcua.catalog.cache import cached
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.selectors import RankedProcedures, procedure_detail, search_procedures
from motcua.core.errors import NotFound
from motcua.web.pagecache import share

from ..pagination import Pagination
from ..serializers import AgencySerializer, ProcedureDetailSerializer, ProcedureSummarySerializer
from ..throttles import ClientThrottle
from .common import error_responses


class ProcedureQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Từ khóa, có dấu hoặc không dấu: 'ly lich tu phap'.",
    )
    # An empty filter (`?sector=`, as a search form sends it) means no filter.
    sector = serializers.CharField(
        required=False, allow_blank=True, max_length=30, help_text="Mã lĩnh vực; để trống: mọi lĩnh vực."
    )
    agency = serializers.CharField(
        required=False, allow_blank=True, max_length=20, help_text="Mã định danh cơ quan tiếp nhận."
    )
    online_level = serializers.ChoiceField(
        choices=ProcedureVersion.OnlineLevel.choices, required=False, allow_blank=True
    )


class CatalogueSearchThrottle(ClientThrottle):
    """Search as one types sends a request every few keys: generous, yet bounded per client address.

    DEFAULT_THROTTLE_RATES["catalogue"] when settings define it, else DEFAULT_CATALOGUE_RATE.
    """

    scope = "catalogue"

    def get_rate(self) -> str:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or DEFAULT_CATALOGUE_RATE


# A citizen typing with a 300 ms pause sends at most about 3 requests a second; a service centre's
# terminals may share one address.
DEFAULT_CATALOGUE_RATE = "600/min"


@extend_schema_view(
    get=extend_schema(
        operation_id="procedures_list",
        tags=["Thủ tục hành chính"],
        summary="Tra cứu thủ tục hành chính",
        parameters=[ProcedureQuerySerializer],
        responses={200: ProcedureSummarySerializer(many=True), **error_responses(400, 404, 429)},
    )
)
class ProcedureListView(ListAPIView):
    serializer_class = ProcedureSummarySerializer
    throttle_classes = [CatalogueSearchThrottle]
    pagination_class = Pagination

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The same for every caller: the answer (with its absolute page links) is read once per
        catalogue stamp (catalog.cache), after the throttle and the query's validation."""
        ProcedureQuerySerializer(data=request.query_params).is_valid(raise_exception=True)
        # The whole answer is shared with every anonymous caller; the throttle still counts each hit.
        share(request, throttles=self.get_throttles())
        data = cached(
            "api-procedures",
            (request.build_absolute_uri(), get_language()),
            lambda: super(ProcedureListView, self).list(request, *args, **kwargs).data,
        )
        return Response(data)

    # Ranked results read a page at a time (catalog.selectors.RankedProcedures), not a QuerySet.
    def get_queryset(self) -> RankedProcedures:  # type: ignore[override]
        query = ProcedureQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        return search_procedures(
            params["q"],
            sector_code=params.get("sector") or None,
            agency_code=params.get("agency") or None,
            online_level=params.get("online_level") or None,
        ).prefetch_related("current_version__fees")


class ProcedureDetailView(APIView):
    @extend_schema(
        operation_id="procedures_retrieve",
        tags=["Thủ tục hành chính"],
        summary="Toàn bộ thông tin phiên bản hiện hành của một thủ tục",
        responses={200: ProcedureDetailSerializer, **error_responses(404)},
    )
    def get(self, request: Request, code: str) -> Response:
        share(request, throttles=self.get_throttles())
        return Response(cached("api-procedure", (code, get_language()), lambda: _procedure_data(code)))


def _procedure_data(code: str) -> Any:
    try:
        procedure = procedure_detail(code)
    except Procedure.DoesNotExist as exc:
        raise NotFound("Không tìm thấy thủ tục hành chính.") from exc
    version = next((v for v in procedure.versions.all() if v.pk == procedure.current_version_id), None)
    if version is None:
        # A national catalogue entry the province has not completed: listed, but nothing to file under.
        raise NotFound(
            "Thủ tục có trong danh mục quốc gia nhưng tỉnh chưa công bố đầy đủ để tiếp nhận hồ sơ."
        )
    prefetch_related_objects(list(version.workflow_steps.all()), "agency")
    return ProcedureDetailSerializer(version).data


def _agencies() -> QuerySet[Agency]:
    return active_agencies().prefetch_related("units")


@extend_schema_view(
    get=extend_schema(
        operation_id="agencies_list",
        tags=["Cơ quan"],
        summary="Danh sách cơ quan và phòng ban",
        responses={200: AgencySerializer(many=True), **error_responses(400, 404)},
    )
)
class AgencyListView(ListAPIView):
    serializer_class = AgencySerializer
    pagination_class = Pagination

    def get_queryset(self) -> QuerySet[Agency]:
        return _agencies()


@extend_schema_view(
    get=extend_schema(
        operation_id="agencies_retrieve",
        tags=["Cơ quan"],
        summary="Một cơ quan và các phòng ban của nó",
        responses={200: AgencySerializer, **error_responses(404)},
    )
)
class AgencyDetailView(RetrieveAPIView):
    serializer_class = AgencySerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Agency]:
        return _agencies()
