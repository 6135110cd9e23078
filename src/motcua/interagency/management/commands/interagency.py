"""`motcua interagency stand-in|register`: declare a peer's stand-in agency; register what is waiting.

motcua interagency stand-in ORGAN_ID AGENCY_CODE   the agency of our catalogue that stands for a
                                                    peer's organ: hand-overs to it go through the exchange
motcua interagency register                         file the dossiers (and take the results) that were
                                                    accepted but not registered (a crash after the
                                                    inbox's commit); safe to run any time
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.agencies.models import Agency
from motcua.exchange.models import RemoteOrgan
from motcua.interagency.services import register_waiting


class Command(BaseCommand):
    help = "Hồ sơ liên thông giữa các hệ thống: khai báo cơ quan đại diện, tiếp nhận hồ sơ còn chờ."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{stand-in,register}")
        stand_in = actions.add_parser(
            "stand-in", help="Cơ quan trong danh mục đại diện cho cơ quan ở hệ thống khác."
        )
        stand_in.add_argument("organ_id", help="mã định danh cơ quan ở hệ thống khác (đã khai báo kết nối)")
        stand_in.add_argument("agency_code", help="mã cơ quan đại diện trong danh mục của hệ thống này")
        actions.add_parser(
            "register", help="Tiếp nhận các hồ sơ, kết quả liên thông đã nhận nhưng chưa xử lý."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "stand-in":
            remote = RemoteOrgan.objects.filter(organ_id=options["organ_id"]).first()
            if remote is None:
                raise CommandError(f"Chưa khai báo kết nối cho cơ quan {options['organ_id']}.")
            agency = Agency.objects.filter(code=options["agency_code"]).first()
            if agency is None:
                raise CommandError(f"Không có cơ quan mã {options['agency_code']} trong danh mục.")
            remote.agency = agency
            remote.save(update_fields=["agency"])
            self.stdout.write(f"{agency.name} đại diện cho {remote.name or remote.organ_id}.")
            return
        done = register_waiting()
        self.stdout.write(f"Đã xử lý {done} thông điệp liên thông còn chờ.")
