"""Checks across criteria files: versions, references, cycles, award ids."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Set
from itertools import pairwise

from ..errors import Code, Diagnostic, closest
from ..facts import ONE_DAY
from .loader import AwardName, CriteriaVersion
from .selection import reference_awards

__all__ = ["check_catalog", "known_award_ids"]


def known_award_ids(
    versions: Iterable[CriteriaVersion], awards: Mapping[str, AwardName]
) -> frozenset[str]:
    """Every known award id: the registry's, the criteria's ids, and the ids they grant.

    Criteria may look for these in records, and nominee records may name them.
    """
    listed = list(versions)
    return frozenset({*awards, *(v.id for v in listed), *(v.doc.granted_award for v in listed)})


def check_catalog(
    versions: Iterable[CriteriaVersion], awards: Mapping[str, AwardName]
) -> list[Diagnostic]:
    """Every problem that only shows when all files are read together."""
    by_id: dict[str, list[CriteriaVersion]] = defaultdict(list)
    for version in versions:
        by_id[version.id].append(version)
    diagnostics: list[Diagnostic] = []
    for award_versions in by_id.values():
        diagnostics.extend(_check_versions(award_versions))
    known_awards = known_award_ids((v for vs in by_id.values() for v in vs), awards)
    for award_versions in by_id.values():
        for version in award_versions:
            diagnostics.extend(_check_leaves(version, by_id, known_awards))
            diagnostics.extend(_check_selection_awards(version, by_id, known_awards))
    diagnostics.extend(_check_cycles(by_id))
    return diagnostics


def _check_versions(versions: list[CriteriaVersion]) -> list[Diagnostic]:
    out = []
    ordered = sorted(versions, key=lambda v: v.doc.in_force.from_)
    first = ordered[0]
    for version in ordered[1:]:
        if version.doc.subject != first.doc.subject:
            out.append(
                Diagnostic(
                    Code.VERSION_SUBJECT,
                    f"{version.id}: subject {version.doc.subject!r} differs from the version "
                    f"in {first.file} ({first.doc.subject!r})",
                    version.document.location(("subject",)),
                )
            )
    for version in ordered[1:]:
        if version.doc.annual != first.doc.annual:
            out.append(
                Diagnostic(
                    Code.VERSION_ANNUAL,
                    f"{version.id}: 'annual' is {version.doc.annual} here but "
                    f"{first.doc.annual} in {first.file}; every version must agree",
                    version.document.location(("annual",)),
                )
            )
    for earlier, later in pairwise(ordered):
        until = earlier.doc.in_force.until
        start = later.doc.in_force.from_
        if until is None or until >= start:
            out.append(
                Diagnostic(
                    Code.VERSION_OVERLAP,
                    f"{later.id}: in force from {start} while the version in {earlier.file} "
                    f"({earlier.doc.in_force}) is still in force",
                    later.document.location(("in_force", "from")),
                    hint="end the earlier version the day before",
                )
            )
        elif until + ONE_DAY < start:
            out.append(
                Diagnostic(
                    Code.VERSION_GAP,
                    f"{later.id}: no version is in force from {until + ONE_DAY} "
                    f"to {start - ONE_DAY}",
                    later.document.location(("in_force", "from")),
                    severity="warning",
                )
            )
    return out


def _check_leaves(
    version: CriteriaVersion,
    by_id: Mapping[str, list[CriteriaVersion]],
    known_awards: frozenset[str],
) -> list[Diagnostic]:
    out = []
    subject = version.doc.subject
    for leaf in version.leaves():
        where = version.document.location(leaf.path)
        for target in leaf.predicate.referenced_criteria(leaf.args):
            if target not in by_id:
                near = closest(target, by_id)
                out.append(
                    Diagnostic(
                        Code.UNKNOWN_REFERENCE,
                        f"{version.id}: no criteria with id {target!r}",
                        where,
                        hint=f"did you mean {' or '.join(near)}?" if near else "",
                    )
                )
                continue
            target_subject = by_id[target][0].doc.subject
            if target_subject not in ("any", subject):
                out.append(
                    Diagnostic(
                        Code.REFERENCE_SUBJECT,
                        f"{version.id} ({subject}) refers to {target} ({target_subject})",
                        where,
                    )
                )
        for award in leaf.predicate.mentioned_awards(leaf.args):
            if award not in known_awards:
                near = closest(award, known_awards)
                out.append(
                    Diagnostic(
                        Code.UNKNOWN_AWARD,
                        f"{version.id}: unknown award id {award!r}",
                        where,
                        hint=f"did you mean {' or '.join(near)}?"
                        if near
                        else "add it to awards.yaml",
                    )
                )
    return out


def _check_selection_awards(
    version: CriteriaVersion, by_id: Mapping[str, list[CriteriaVersion]], known_awards: Set[str]
) -> list[Diagnostic]:
    """The awards a selection counts (a quota's share) or requires (a head's unit) are judged.

    So each must have criteria, of a subject that fits: a quota counts nominees
    of the candidates' own kind; a head's unit meets a unit's award.
    """
    selection = version.doc.selection
    if selection is None:
        return []
    out = []
    subject = version.doc.subject
    for written, path, role in reference_awards(selection):
        where = version.document.location(("selection", *path))
        award = written
        if written.startswith("$"):
            parameter = version.doc.parameters.get(written[1:])
            if parameter is None or not isinstance(parameter.value, str):
                continue  # reported when the file was loaded
            award = parameter.value
        named = repr(award) if award == written else f"{award!r} (parameter {written})"
        if award not in by_id:
            near = closest(award, by_id)
            registered = award in known_awards
            out.append(
                Diagnostic(
                    Code.UNKNOWN_REFERENCE if registered else Code.UNKNOWN_AWARD,
                    f"{version.id}: the selection refers to "
                    + (
                        f"{named}, which has no criteria to judge it by"
                        if registered
                        else f"unknown award id {named}"
                    ),
                    where,
                    hint=f"did you mean {' or '.join(near)}?" if near else "",
                )
            )
            continue
        target = by_id[award][0].doc.subject
        wanted = subject if role == "quota" else "unit"
        if target not in ("any", wanted) or (role == "heads" and subject == "unit"):
            what = (
                f"counts nominees of the candidates' kind ({subject})"
                if role == "quota"
                else "is the result of the unit a head leads (a unit's award, "
                "for candidates who are individuals)"
            )
            out.append(
                Diagnostic(
                    Code.REFERENCE_SUBJECT,
                    f"{version.id} ({subject}): the selection's {award} ({target}) does not "
                    f"fit: it {what}",
                    where,
                )
            )
    return out


def _check_cycles(by_id: Mapping[str, list[CriteriaVersion]]) -> list[Diagnostic]:
    edges: dict[str, set[str]] = defaultdict(set)
    for award_id, versions in by_id.items():
        for version in versions:
            for leaf in version.leaves():
                edges[award_id].update(
                    t for t in leaf.predicate.referenced_criteria(leaf.args) if t in by_id
                )
    out: list[Diagnostic] = []
    state: dict[str, int] = {}
    reported: set[frozenset[str]] = set()

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                cycle = [*trail[trail.index(target) :], target]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    version = by_id[node][0]
                    out.append(
                        Diagnostic(
                            Code.REFERENCE_CYCLE,
                            f"criteria refer to each other in a cycle: {' -> '.join(cycle)}",
                            version.document.location(("conditions",)),
                        )
                    )
            elif state.get(target) is None:
                visit(target, [*trail, target])
        state[node] = 2

    for award_id in sorted(by_id):
        if award_id not in state:
            visit(award_id, [award_id])
    return out
