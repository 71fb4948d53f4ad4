"""The page's words in Vietnamese and English, and the verdict shaped for reading."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["WORDS", "citation_text", "condition_rows", "request_for"]

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Xét điều kiện khen thưởng", "Award eligibility"),
    "subtitle": (
        "Bảo hiểm xã hội Việt Nam — kiểm tra điều kiện thi đua, khen thưởng theo từng tiêu chí",
        "Vietnam Social Security — eligibility for emulation titles and awards, condition by "
        "condition",
    ),
    "switch": ("English", "Tiếng Việt"),
    "award": ("Danh hiệu / hình thức khen thưởng", "Title or award"),
    "as_of": ("Ngày xét", "Evaluation date"),
    "year": ("Năm xét (danh hiệu cuối năm)", "Year under review (year-end titles)"),
    "record": ("Hồ sơ (YAML hoặc JSON)", "Record (YAML or JSON)"),
    "record_help": (
        "Dán hồ sơ, hoặc tải tệp lên, hoặc điền mẫu rút gọn bên dưới.",
        "Paste the record, or upload a file, or fill in the short form below.",
    ),
    "file": ("Hoặc tải tệp hồ sơ", "Or upload a record file"),
    "short": ("Mẫu rút gọn (các trường thường dùng)", "Short form (common fields)"),
    "kind": ("Loại", "Kind"),
    "individual": ("Cá nhân", "Individual"),
    "unit": ("Tập thể", "Unit"),
    "id": ("Mã", "Id"),
    "name": ("Họ tên / tên đơn vị", "Full name / unit name"),
    "gender": ("Giới tính (male/female)", "Gender (male/female)"),
    "birth_date": ("Ngày sinh", "Birth date"),
    "unit_id": ("Mã đơn vị công tác", "Unit id"),
    "position": ("Chức vụ (staff/manager/leader)", "Position (staff/manager/leader)"),
    "service_start": ("Bắt đầu công tác trong ngành", "Started in the sector"),
    "service_end": ("Kết thúc công tác", "Service ended"),
    "retirement_date": ("Ngày nghỉ hưu", "Retirement date"),
    "level": (
        "Cấp đơn vị (central/province/district/division)",
        "Unit level (central/province/district/division)",
    ),
    "established_on": ("Ngày thành lập", "Established on"),
    "ratings": (
        "Xếp loại, mỗi dòng: năm mức (2019 excellent)",
        "Ratings, one a line: year level (2019 excellent)",
    ),
    "submit": ("Xét điều kiện", "Check eligibility"),
    "verdict": ("Kết luận", "Verdict"),
    "nominee": ("Người/đơn vị được xét", "Nominee"),
    "evaluated_on": ("Ngày xét", "Evaluated on"),
    "legal_basis": ("Căn cứ", "Legal basis"),
    "conditions": ("Các điều kiện", "Conditions"),
    "required": ("Yêu cầu", "Required"),
    "found": ("Thực tế", "Found"),
    "source": ("Căn cứ", "Source"),
    "earliest": (
        "Nếu các điều kiện khác giữ nguyên, đủ điều kiện từ ngày",
        "If nothing else changes, eligible from",
    ),
    "to_request": ("Cần đề nghị bổ sung", "To request"),
    "unverified": (
        "Lưu ý: kết luận dựa trên tiêu chí chưa được đối chiếu với văn bản pháp luật",
        "Warning: this verdict rests on criteria not yet checked against the legal text",
    ),
    "errors": ("Hồ sơ chưa hợp lệ", "The record is not valid"),
    "eligible": ("ĐỦ ĐIỀU KIỆN", "ELIGIBLE"),
    "ineligible": ("KHÔNG ĐỦ ĐIỀU KIỆN", "NOT ELIGIBLE"),
    "undetermined": ("CHƯA ĐỦ DỮ LIỆU ĐỂ KẾT LUẬN", "UNDETERMINED (data missing)"),
    "error": ("LỖI HỒ SƠ", "BAD RECORD"),
    "print": ("In (khổ A4)", "Print (A4)"),
    "roster": ("Xét theo danh sách", "Judge a roster"),
    "roster_file": ("Tệp danh sách", "Roster file"),
    "roster_help": (
        "Mỗi dòng một hồ sơ JSON (.jsonl), hoặc một danh sách YAML. Không chọn danh hiệu: "
        "xét mọi danh hiệu đang áp dụng phù hợp.",
        "One JSON record a line (.jsonl), or a YAML list. No award chosen: every award in "
        "force that fits.",
    ),
    "roster_submit": ("Xét danh sách", "Judge the roster"),
    "summary": ("Tổng hợp theo danh hiệu", "Summary per award"),
    "count": ("Số lượng", "Count"),
    "details": ("Chi tiết", "Details"),
    "line": ("Dòng", "Line"),
    "bad_records": ("Hồ sơ lỗi", "Bad records"),
    "download": ("Tải về", "Download"),
    "download_all": ("Tải về cả danh sách", "Download the whole roster"),
    "upload_expired": (
        "tệp danh sách đã hết hạn lưu tạm: hãy tải lên lại",
        "the roster upload has expired: upload it again",
    ),
    "no_record": (
        "chưa có hồ sơ: dán, tải tệp lên hoặc điền mẫu rút gọn",
        "no record: paste one, upload a file or fill in the short form",
    ),
    "no_roster": ("chưa chọn tệp danh sách", "no roster file chosen"),
    "api": ("API cho các hệ thống khác", "API for other systems"),
    "back": ("Quay lại", "Back"),
    "awards_on": ("Danh sách danh hiệu áp dụng vào ngày", "Awards listed: those in force on"),
    "show_awards": ("Xem danh hiệu áp dụng", "List the awards in force"),
    "year_short": ("năm xét", "year under review"),
    "another": ("Xét hồ sơ khác", "Check another record"),
    "any_award": ("(mọi danh hiệu phù hợp)", "(every award that fits)"),
}

FACTS: dict[str, tuple[str, str]] = {
    "ratings": ("kết quả xếp loại năm {year}", "the rating of {year}"),
    "results": ("kết quả năm {year} ({field})", "the results of {year} ({field})"),
    "members": ("số liệu thành viên năm {year} ({field})", "member counts of {year} ({field})"),
    "registrations": ("đăng ký thi đua năm {year}", "the emulation registration of {year}"),
    "service": ("quá trình công tác", "the service history"),
    "established_on": ("ngày thành lập đơn vị", "the unit's founding date"),
    "birth_date": ("ngày sinh", "the birth date"),
    "retirement_date": ("ngày nghỉ hưu", "the retirement date"),
}
_FACT = re.compile(r"^(?P<root>[a-z_]+)(?:\[(?P<year>\d+)\])?(?:\.(?P<field>[a-z_]+))?$")


def request_for(fact: str, lang: str) -> str:
    """What to ask the unit for, for a missing fact such as ``ratings[2014]``."""
    match = _FACT.match(fact)
    words = FACTS.get(match.group("root")) if match else None
    if match is None or words is None:
        return fact
    text = words[lang == "en"].format(
        year=match.group("year") or "", field=match.group("field") or ""
    )
    return f"{text} ({fact})"


def citation_text(source: dict[str, Any] | None) -> str:
    """A legal source as one line: document, article, date."""
    if not source:
        return ""
    parts = [str(source.get("document", ""))]
    if source.get("article"):
        parts.append(str(source["article"]))
    if source.get("date"):
        year, month, day = str(source["date"]).split("-")
        parts.append(f"{day}/{month}/{year}")
    return ", ".join(p for p in parts if p)


def condition_rows(node: dict[str, Any], lang: str, depth: int = 0) -> list[dict[str, Any]]:
    """The condition tree of a verdict's data, flattened for a table, depth kept."""
    text = node["text"][lang]
    mark = {True: "✓", False: "✗", None: "?"}[node["passed"]]
    row = {
        "depth": depth,
        "mark": mark,
        "state": {True: "pass", False: "fail", None: "unknown"}[node["passed"]],
        "label": text["label"],
        "required": text["required"] if text["required"] != text["label"] else "",
        "found": text["found"],
        "missing": node["missing"],
        "source": citation_text(node["source"]),
        "id": node["id"],
        "leaf": node["kind"] == "check",
    }
    rows = [row]
    for child in node["children"]:
        rows.extend(condition_rows(child, lang, depth + 1))
    return rows
