"""The sheets of a roster workbook (or CSV files) and their columns, in English and Vietnamese.

One sheet per kind of record: ``staff`` and ``units`` hold the nominees, the
others hold their records, joined by ``nominee_id``. A header is accepted as
the English key (``full_name``), the Vietnamese label (``Họ và tên``), or both
as the template writes them (``Họ và tên (full_name)``).

The nominee sheets also take a host's own facts (``extensions``): a column
headed ``extensions.KEY`` (or ``label (extensions.KEY)``) holds that key's
value for each row, typed by what the catalog declares (see :func:`extension_column`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from ..model import (
    EXTENSION_KEY,
    AbsenceKind,
    DisciplineForm,
    Gender,
    InitiativeLevel,
    PendingCaseKind,
    Position,
    RatingLevel,
    UnitLevel,
)
from ..vocabulary.base import ExtensionType

__all__ = [
    "CHILD_SHEETS",
    "EXTENSION_PREFIX",
    "MAIN_SHEETS",
    "SHEETS",
    "Column",
    "Sheet",
    "extension_column",
    "extension_key",
    "normalise",
    "sheet_named",
]

Kind = str
"""A column's type: text, date, int, number, bool, list, enum, or any (an extension's
value whose type is not declared: the cell's own type)."""


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its key in the model, its Vietnamese label, its type and allowed values."""

    key: str
    vi: str
    kind: Kind = "text"
    enum: type[StrEnum] | None = None
    required: bool = False

    @property
    def header(self) -> str:
        """The header the template writes."""
        return f"{self.vi} ({self.key})"


@dataclass(frozen=True, slots=True)
class Sheet:
    """A sheet: its name, Vietnamese name, the field of the nominee it fills, its columns."""

    name: str
    vi: str
    columns: tuple[Column, ...]
    target: str = ""
    """The nominee's field the rows go to (``ratings``); empty for the nominee sheets."""
    note: str = ""

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


_ID = Column("nominee_id", "Mã đối tượng", required=True)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "staff",
        "Cán bộ",
        (
            Column("id", "Mã cán bộ", required=True),
            Column("full_name", "Họ và tên", required=True),
            Column("gender", "Giới tính", "enum", Gender),
            Column("birth_date", "Ngày sinh", "date"),
            Column("unit_id", "Mã đơn vị"),
            Column("position", "Chức vụ", "enum", Position),
            Column("retirement_date", "Ngày nghỉ hưu", "date"),
            Column("death_date", "Ngày mất", "date"),
        ),
        note="One row per official; id is the staff number the other sheets refer to.",
    ),
    Sheet(
        "units",
        "Đơn vị",
        (
            Column("id", "Mã đơn vị", required=True),
            Column("name", "Tên đơn vị", required=True),
            Column("level", "Cấp", "enum", UnitLevel, required=True),
            Column("parent_id", "Mã đơn vị cấp trên"),
            Column("established_on", "Ngày thành lập", "date"),
            Column("dissolved_on", "Ngày giải thể", "date"),
            Column("cluster", "Cụm thi đua"),
            Column("remote_area", "Vùng sâu, vùng xa", "bool"),
        ),
        note="One row per unit (office, division); its members' unit_id refers to id.",
    ),
    Sheet(
        "service",
        "Quá trình công tác",
        (
            _ID,
            Column("unit_id", "Mã đơn vị"),
            Column("start", "Từ ngày", "date", required=True),
            Column("end", "Đến ngày", "date"),
            Column("in_sector", "Trong ngành", "bool"),
        ),
        target="service",
    ),
    Sheet(
        "ratings",
        "Xếp loại",
        (
            _ID,
            Column("year", "Năm", "int", required=True),
            Column("level", "Mức xếp loại", "enum", RatingLevel, required=True),
            Column("score", "Điểm", "number"),
            Column("votes", "Số phiếu", "int"),
        ),
        target="ratings",
    ),
    Sheet(
        "awards",
        "Khen thưởng",
        (
            _ID,
            Column("award", "Mã danh hiệu", required=True),
            Column("year", "Năm", "int", required=True),
            Column("decision", "Số quyết định"),
            Column("decided_on", "Ngày quyết định", "date"),
        ),
        target="awards",
    ),
    Sheet(
        "disciplines",
        "Kỷ luật",
        (
            _ID,
            Column("form", "Hình thức kỷ luật", "enum", DisciplineForm, required=True),
            Column("decided_on", "Ngày quyết định", "date", required=True),
            Column("ends_on", "Ngày hết hiệu lực", "date"),
            Column("decision", "Số quyết định"),
        ),
        target="disciplines",
    ),
    Sheet(
        "registrations",
        "Đăng ký thi đua",
        (
            _ID,
            Column("year", "Năm", "int", required=True),
            Column("titles", "Danh hiệu đăng ký", "list"),
            Column("pledge_signed_on", "Ngày ký giao ước", "date"),
        ),
        target="registrations",
        note="titles: award ids separated by ';'.",
    ),
    Sheet(
        "initiatives",
        "Sáng kiến",
        (
            _ID,
            Column("title", "Tên sáng kiến", required=True),
            Column("level", "Cấp công nhận", "enum", InitiativeLevel, required=True),
            Column("recognized_on", "Ngày công nhận", "date", required=True),
        ),
        target="initiatives",
    ),
    Sheet(
        "research_topics",
        "Đề tài khoa học",
        (
            _ID,
            Column("title", "Tên đề tài", required=True),
            Column("level", "Cấp", "enum", InitiativeLevel, required=True),
            Column("accepted_on", "Ngày nghiệm thu", "date", required=True),
        ),
        target="research_topics",
    ),
    Sheet(
        "results",
        "Kết quả năm",
        (
            _ID,
            Column("year", "Năm", "int", required=True),
            Column("plan_completion_pct", "Tỷ lệ hoàn thành kế hoạch (%)", "number"),
            Column("score", "Điểm thi đua", "number"),
            Column("votes", "Số phiếu", "int"),
            Column("health_insurance_coverage_pct", "Tỷ lệ bao phủ BHYT (%)", "number"),
            Column("communes_meeting_criterion_pct", "Tỷ lệ xã đạt tiêu chí BHYT (%)", "number"),
            Column(
                "districts_meeting_criterion_pct", "Tỷ lệ huyện đạt tiêu chí BHYT (%)", "number"
            ),
        ),
        target="results",
        note="A unit's results of a year (year results).",
    ),
    Sheet(
        "members",
        "Quân số",
        (
            _ID,
            Column("year", "Năm", "int", required=True),
            Column("members", "Tổng số", "int", required=True),
            Column("completed_duties", "Số hoàn thành nhiệm vụ", "int"),
            Column("advanced_workers", "Số Lao động tiên tiến", "int"),
            Column("grassroots_fighters", "Số Chiến sĩ thi đua cơ sở", "int"),
            Column("disciplined_warning_or_above", "Số bị kỷ luật từ cảnh cáo", "int"),
        ),
        target="members",
    ),
    Sheet(
        "absences",
        "Thời gian nghỉ",
        (
            _ID,
            Column("kind", "Lý do nghỉ", "enum", AbsenceKind, required=True),
            Column("start", "Từ ngày", "date", required=True),
            Column("end", "Đến ngày", "date", required=True),
        ),
        target="absences",
        note="An official's periods away from work (inclusive dates).",
    ),
    Sheet(
        "led_units",
        "Đơn vị phụ trách",
        (
            _ID,
            Column("year", "Năm", "int", required=True),
            Column("unit_id", "Mã đơn vị phụ trách", required=True),
            Column("rating", "Xếp loại đơn vị", "enum", RatingLevel),
            Column("titles", "Danh hiệu của đơn vị", "list"),
        ),
        target="led_units",
        note="A head of unit's led unit and its results, year by year; "
        "titles: award ids separated by ';'.",
    ),
    Sheet(
        "pending_cases",
        "Vụ việc đang xem xét",
        (
            _ID,
            Column("kind", "Loại vụ việc", "enum", PendingCaseKind, required=True),
            Column("opened_on", "Ngày phát sinh", "date", required=True),
            Column("closed_on", "Ngày giải quyết xong", "date"),
            Column("reference", "Số hồ sơ"),
        ),
        target="pending_cases",
        note="Discipline reviews, investigations and complaints; closed_on blank while open.",
    ),
)

MAIN_SHEETS = {"staff": "individual", "units": "unit"}
"""The nominee sheets and the ``kind`` of their rows."""

CHILD_SHEETS = tuple(s for s in SHEETS if s.target)

ENUM_ALIASES: dict[str, str] = {
    "nam": "male",
    "nữ": "female",
    "lãnh đạo": "leader",
    "quản lý": "manager",
    "nhân viên": "staff",
    "trực tiếp": "staff",
    "hoàn thành xuất sắc nhiệm vụ": "excellent",
    "hoàn thành tốt nhiệm vụ": "good",
    "hoàn thành nhiệm vụ": "completed",
    "không hoàn thành nhiệm vụ": "not_completed",
    "khiển trách": "reprimand",
    "cảnh cáo": "warning",
    "hạ bậc lương": "salary_downgrade",
    "giáng chức": "demotion",
    "cách chức": "dismissal",
    "buộc thôi việc": "forced_resignation",
    "cơ sở": "unit",
    "ngành": "sector",
    "toàn quốc": "national",
    "trung ương": "central",
    "tỉnh": "province",
    "huyện": "district",
    "phòng": "division",
    "thai sản": "maternity",
    "nghỉ thai sản": "maternity",
    "đi học": "training",
    "đào tạo": "training",
    "bồi dưỡng": "training",
    "ốm": "sick",
    "nghỉ ốm": "sick",
    "không lương": "unpaid",
    "nghỉ không lương": "unpaid",
    "thương tích": "injury",
    "điều trị thương tích": "injury",
    "khác": "other",
    "xem xét kỷ luật": "discipline_review",
    "đang xem xét kỷ luật": "discipline_review",
    "điều tra": "investigation",
    "thanh tra": "investigation",
    "kiểm tra": "investigation",
    "khiếu nại": "complaint",
    "tố cáo": "complaint",
    "khiếu nại, tố cáo": "complaint",
}
"""Vietnamese spellings of enumerated values, lower-cased."""

_KEY_IN_PARENS = re.compile(r"\(([a-z_]+(?:\.[a-z0-9_]+)?)\)\s*$")

EXTENSION_PREFIX = "extensions."
"""How a nominee sheet's header names an extension: ``extensions.KEY``."""


_EXTENSION_KINDS: dict[str, Kind] = {
    "bool": "bool",
    "int": "int",
    "number": "number",
    "string": "text",
    "date": "date",
}
"""The column type that reads each declared extension type."""


def normalise(text: str) -> str:
    """Header text compared loosely: NFC, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def sheet_named(name: str) -> Sheet | None:
    """The sheet called ``name`` (English or Vietnamese, any case)."""
    wanted = normalise(name)
    for sheet in SHEETS:
        if wanted in (sheet.name, normalise(sheet.vi), normalise(f"{sheet.vi} ({sheet.name})")):
            return sheet
    return None


def column_for(sheet: Sheet, header: str) -> Column | None:
    """The column a header names: key, Vietnamese label, or ``label (key)``."""
    text = normalise(header)
    match = _KEY_IN_PARENS.search(text)
    if match:
        text_key = match.group(1)
        found = next((c for c in sheet.columns if c.key == text_key), None)
        if found is not None:
            return found
    for column in sheet.columns:
        if text in (column.key, normalise(column.vi)):
            return column
    return None


def extension_key(header: str) -> str | None:
    """The key an extension column's header names (``extensions.KEY``, ``label (extensions.KEY)``).

    ``None`` when the header names no extension, or a key of the wrong form.
    """
    text = normalise(header)
    match = _KEY_IN_PARENS.search(text)
    if match:
        text = match.group(1)
    if not text.startswith(EXTENSION_PREFIX):
        return None
    key = text.removeprefix(EXTENSION_PREFIX)
    return key if EXTENSION_KEY.fullmatch(key) else None


def extension_column(key: str, declared: ExtensionType | None = None) -> Column:
    """The column of extension ``key``: typed as declared, else as each cell is typed."""
    kind = _EXTENSION_KINDS[declared] if declared is not None else "any"
    return Column(f"{EXTENSION_PREFIX}{key}", key, kind)
