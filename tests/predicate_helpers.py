"""Helpers shared by the predicate tests: nominees, the built-in predicates, bound arguments."""

from __future__ import annotations

from typing import Any

from award_rules import Individual, Unit, default_vocabulary
from award_rules.vocabulary import Args, Predicate

VOCAB = default_vocabulary()


def person(**fields: Any) -> Individual:
    """An individual with a name and id, plus ``fields``."""
    return Individual.model_validate({"id": "p1", "full_name": "Nguyễn Văn A", **fields})


def unit(**fields: Any) -> Unit:
    """A division (small collective) with a name and id, plus ``fields``."""
    return Unit.model_validate({"id": "u1", "name": "Phòng Thu", "level": "division", **fields})


def predicate(name: str) -> Predicate[Any]:
    """The built-in predicate called ``name``."""
    found = VOCAB.get(name)
    assert found is not None, name
    return found


def bind(name: str, args: dict[str, Any]) -> Args:
    """Validate ``args`` with the predicate's argument model."""
    return predicate(name).args_model.model_validate(args)
