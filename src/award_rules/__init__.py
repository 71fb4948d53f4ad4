"""award-rules: decide whether a nominee is eligible for an award, and say why.

>>> from award_rules import load_catalog
>>> catalog = load_catalog()
>>> "vss.dg_certificate.retirement" in catalog
True
"""

from __future__ import annotations

from .catalog import BatchItem, Catalog
from .errors import (
    ArgumentError,
    AwardRulesError,
    CriteriaError,
    Diagnostic,
    EngineUnavailableError,
    NomineeError,
    NotInForceError,
    SourceLocation,
    SubjectMismatchError,
    UnknownAwardError,
)
from .loading import load_catalog, shipped_criteria_dir
from .model import Individual, Unit
from .nominees import load_nominee, load_nominees, parse_nominee
from .results import NodeResult, Outcome
from .verdict import Status, Verdict
from .vocabulary import Args, NoArgs, Predicate, Vocabulary, default_vocabulary

__version__ = "0.1.0"

__all__ = [
    "Args",
    "ArgumentError",
    "AwardRulesError",
    "BatchItem",
    "Catalog",
    "CriteriaError",
    "Diagnostic",
    "EngineUnavailableError",
    "Individual",
    "NoArgs",
    "NodeResult",
    "NomineeError",
    "NotInForceError",
    "Outcome",
    "Predicate",
    "SourceLocation",
    "Status",
    "SubjectMismatchError",
    "Unit",
    "UnknownAwardError",
    "Verdict",
    "Vocabulary",
    "__version__",
    "default_vocabulary",
    "load_catalog",
    "load_nominee",
    "load_nominees",
    "parse_nominee",
    "shipped_criteria_dir",
]
