"""Render a verdict as text (Vietnamese or English) or JSON-ready data. Evaluates nothing."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from .i18n import LANGS, format_date, pick
from .results import NodeResult, to_json

if TYPE_CHECKING:
    from .verdict import Verdict

__all__ = ["node_texts", "render_dict", "render_text"]

MARKS = {True: "✓", False: "✗", None: "?"}
STATUS_WORDS = {
    "eligible": ("ĐỦ ĐIỀU KIỆN", "ELIGIBLE"),
    "ineligible": ("KHÔNG ĐỦ ĐIỀU KIỆN", "NOT ELIGIBLE"),
    "undetermined": ("CHƯA ĐỦ DỮ LIỆU ĐỂ KẾT LUẬN", "UNDETERMINED (data missing)"),
}
GROUP_WORDS = {
    "all": ("Đáp ứng tất cả các điều kiện sau", "All of the following"),
    "any": ("Đáp ứng ít nhất một trong các điều kiện sau", "At least one of the following"),
    "not": ("Không được rơi vào trường hợp sau", "None of the following"),
}


def node_texts(node: NodeResult, lang: str) -> dict[str, str]:
    """The label, requirement and finding of a node, in ``lang``."""
    if node.kind != "check" or node.predicate is None or node.outcome is None:
        label = node.title.get(lang) if node.title else pick(lang, *GROUP_WORDS[node.kind])
        return {"label": label, "required": "", "found": ""}
    predicate = node.predicate
    required = predicate.requirement(node.args, lang)
    label = node.title.get(lang) if node.title else required
    return {
        "label": label,
        "required": required,
        "found": predicate.finding(node.args, node.outcome, lang),
    }


def render_text(verdict: Verdict, lang: str = "vi") -> str:
    """The whole verdict as readable text."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use 'vi' or 'en'")
    doc = verdict.version.doc
    lines = [
        f"{verdict.award_name.get(lang)} [{verdict.award_id}]",
        pick(lang, "Người/đơn vị được xét", "Nominee") + f": {verdict.nominee_name} "
        f"({verdict.nominee_id})",
        pick(lang, "Ngày xét", "Evaluated on") + f": {format_date(verdict.as_of)}",
        pick(lang, "Kết luận", "Verdict") + f": {pick(lang, *STATUS_WORDS[verdict.status])}",
        pick(lang, "Căn cứ", "Source")
        + f": {doc.source} "
        + pick(
            lang,
            f"(áp dụng từ {format_date(doc.in_force.from_)}",
            f"(in force from {format_date(doc.in_force.from_)}",
        )
        + (
            pick(
                lang,
                f" đến {format_date(doc.in_force.until)})",
                f" to {format_date(doc.in_force.until)})",
            )
            if doc.in_force.until
            else ")"
        ),
        "",
    ]
    _render_node(verdict.conditions, lang, 0, lines)
    if verdict.earliest_eligible_on is not None:
        day = format_date(verdict.earliest_eligible_on)
        lines += [
            "",
            pick(
                lang,
                f"Nếu các điều kiện khác giữ nguyên, đủ điều kiện từ ngày {day}.",
                f"If nothing else changes, eligible from {day}.",
            ),
        ]
    if verdict.missing:
        lines += [
            "",
            pick(lang, "Thiếu dữ liệu", "Missing data") + ": " + ", ".join(verdict.missing),
        ]
    also = [fact for fact in verdict.to_request if fact not in verdict.missing]
    if also:
        lines += [
            "",
            pick(
                lang,
                "Cần yêu cầu bổ sung (thiếu dữ liệu, cũng sẽ cần để xét)",
                "To request (missing, also needed for a decision)",
            )
            + ": "
            + ", ".join(also),
        ]
    if verdict.unverified:
        lines += [
            "",
            pick(
                lang,
                "Lưu ý: kết luận dựa trên tiêu chí chưa được đối chiếu với văn bản pháp luật",
                "Warning: this verdict rests on criteria not yet checked against the legal text",
            )
            + f": {', '.join(verdict.unverified)}",
        ]
    return "\n".join(lines)


def _render_node(node: NodeResult, lang: str, depth: int, lines: list[str]) -> None:
    indent = "  " * depth
    texts = node_texts(node, lang)
    ident = f" [{node.id}]" if node.id else ""
    lines.append(f"{indent}{MARKS[node.passed]} {texts['label']}{ident}")
    detail = indent + "    "
    if node.kind == "check":
        if texts["required"] != texts["label"]:
            lines.append(f"{detail}{pick(lang, 'Yêu cầu', 'Required')}: {texts['required']}")
        lines.append(f"{detail}{pick(lang, 'Thực tế', 'Found')}: {texts['found']}")
        if node.outcome is not None and node.outcome.missing:
            lines.append(
                f"{detail}{pick(lang, 'Thiếu', 'Missing')}: " + ", ".join(node.outcome.missing)
            )
    if node.source is not None:
        lines.append(f"{detail}{pick(lang, 'Căn cứ', 'Source')}: {node.source}")
    inner = node.outcome.children if node.outcome else ()
    for child in (*node.children, *inner):
        _render_node(child, lang, depth + 1, lines)


def _node_dict(node: NodeResult) -> dict[str, Any]:
    outcome = node.outcome
    data: dict[str, Any] = {
        "id": node.id,
        "kind": node.kind,
        "check": node.predicate.name if node.predicate else None,
        "passed": node.passed,
        "required": node.predicate.required_value(node.args) if node.predicate else None,
        "found": to_json(outcome.found) if outcome else None,
        "evidence": list(outcome.evidence) if outcome else [],
        "missing": list(outcome.missing) if outcome else [],
        "source": to_json(node.source) if node.source else None,
        "text": {lang: node_texts(node, lang) for lang in LANGS},
        "children": [
            _node_dict(c) for c in (*node.children, *(outcome.children if outcome else ()))
        ],
    }
    return data


def render_dict(verdict: Verdict) -> dict[str, Any]:
    """JSON-ready data with stable keys, ending with the decision's ``receipt``."""
    from .receipt import build_receipt

    doc = verdict.version.doc
    return {
        "award": verdict.award_id,
        "award_name": {"vi": verdict.award_name.vi, "en": verdict.award_name.en},
        "nominee": {
            "id": verdict.nominee_id,
            "name": verdict.nominee_name,
            "kind": verdict.nominee_kind,
        },
        "as_of": verdict.as_of.isoformat(),
        "year": verdict.year,
        "status": verdict.status,
        "failed": verdict.failed,
        "missing": verdict.missing,
        "to_request": verdict.to_request,
        "earliest_eligible_on": to_json(verdict.earliest_eligible_on),
        "version": {
            "in_force": {
                "from": doc.in_force.from_.isoformat(),
                "until": to_json(doc.in_force.until),
            },
            "source": to_json(doc.source),
            "file": verdict.version.relative_file or PurePath(verdict.version.file).name,
        },
        "unverified": list(verdict.unverified),
        "conditions": _node_dict(verdict.conditions),
        "explanation": {lang: render_text(verdict, lang) for lang in LANGS},
        "receipt": build_receipt(verdict).to_dict(),
    }
