"""An award's criteria for readers: each version's conditions in words and as data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..criteria.layers import SHIPPED
from ..criteria.loader import BoundGroup, BoundLeaf, BoundNode, CriteriaVersion
from ..criteria.schema import ReviewStatus
from ..i18n import LANGS, pick
from ..results import to_json

__all__ = ["award_summary", "criteria_view", "layer_name", "version_view"]

GROUP_WORDS = {
    "all": ("Tất cả các điều kiện sau", "All of"),
    "any": ("Ít nhất một trong các điều kiện sau", "At least one of"),
    "not": ("Không được", "Not"),
}


def layer_name(version: CriteriaVersion) -> str:
    """The layer a version came from: ``shipped``, or the name of the folder added
    (``serve --criteria-add``), never the server's path to it."""
    return Path(version.layer).name if version.layer and version.layer != SHIPPED else SHIPPED


def award_summary(version: CriteriaVersion, catalog: Catalog) -> dict[str, Any]:
    """An award in a listing: id, names, subject, whether annual or a precondition, in force,
    source, layer."""
    doc = version.doc
    return {
        "id": doc.id,
        "layer": layer_name(version),
        "name": {"vi": doc.name.vi, "en": doc.name.en},
        "subject": doc.subject,
        "annual": catalog.is_annual(doc.id),
        "precondition": catalog.is_precondition(doc.id),
        "in_force": {"from": doc.in_force.from_.isoformat(), "until": to_json(doc.in_force.until)},
        "source": to_json(doc.source),
        "review": doc.review.status.value if doc.review else None,
    }


def _node(node: BoundNode) -> dict[str, Any]:
    if isinstance(node, BoundLeaf):
        leaf = node.leaf
        words = {}
        for lang in LANGS:
            required = node.predicate.requirement(node.args, lang)
            words[lang] = leaf.title.get(lang) if leaf.title else required
        return {
            "id": node.id,
            "kind": "check",
            "check": node.predicate.name,
            "text": words,
            "required": {lang: node.predicate.requirement(node.args, lang) for lang in LANGS},
            "required_value": to_json(node.predicate.required_value(node.args)),
            "source": to_json(leaf.source) if leaf.source else None,
            "source_text": str(leaf.source) if leaf.source else None,
            "unverified": leaf.review is not None and leaf.review.status is ReviewStatus.UNVERIFIED,
            "children": [],
        }
    assert isinstance(node, BoundGroup)
    words = {lang: pick(lang, *GROUP_WORDS[node.kind]) for lang in LANGS}
    if node.title:
        words = {lang: node.title.get(lang) for lang in LANGS}
    return {
        "id": node.id,
        "kind": node.kind,
        "check": None,
        "text": words,
        "source": to_json(node.source) if node.source else None,
        "source_text": str(node.source) if node.source else None,
        "children": [_node(child) for child in node.children],
    }


def version_view(version: CriteriaVersion, catalog: Catalog) -> dict[str, Any]:
    """One version: its summary, parameters, conditions in words, and the criteria as data."""
    doc = version.doc
    return {
        **award_summary(version, catalog),
        "source_text": str(doc.source),
        "review_note": doc.review.note if doc.review else None,
        "parameters": {
            name: {"value": to_json(p.value), "note": p.note} for name, p in doc.parameters.items()
        },
        "conditions": _node(version.root),
        "criteria": doc.model_dump(mode="json", by_alias=True, exclude_none=True),
    }


def criteria_view(catalog: Catalog, award_id: str, day: dt.date | None = None) -> dict[str, Any]:
    """Every version of an award (or the one in force on ``day``)."""
    versions = [catalog.version_on(award_id, day)] if day else catalog.versions(award_id)
    name = catalog.award_name(award_id)
    return {
        "id": award_id,
        "name": {"vi": name.vi, "en": name.en} if name else None,
        "versions": [version_view(v, catalog) for v in versions],
    }
