"""The input gate: every file, stream or string of data is read here, once.

``text`` reads bytes within the size limit and refuses what is not clean
UTF-8 text; ``yaml12`` builds YAML 1.2 (core schema) values from parser
events, with depth, alias and size limits; ``jsondata`` reads JSON and JSON
Lines; ``document`` holds the result and finds the line and column of any value.
"""

from .document import Document, InputError, data_path, dotted, location_of
from .limits import Limits, default_limits, set_default_limits

__all__ = [
    "Document",
    "InputError",
    "Limits",
    "data_path",
    "default_limits",
    "dotted",
    "location_of",
    "set_default_limits",
]
