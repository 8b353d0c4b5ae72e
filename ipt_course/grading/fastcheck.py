"""nbgrader's cell-metadata check with its JSON schema compiled once per process.

nbgrader's ``CheckCellMetadata`` calls ``jsonschema.validate`` for every cell, which first
re-validates nbgrader's own (fixed) schema against the JSON Schema meta-schema; in a quiz
notebook that is most of the time autograde spends. :class:`CheckCellMetadataOnce` runs
exactly nbgrader's checks, with the trainee's metadata validated by a validator built once.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import jsonschema
from nbgrader.nbgraderformat import common
from nbgrader.preprocessors import CheckCellMetadata

_VALIDATORS: dict[str, Any] = {}


def validate_compiled(instance: Any, schema: dict) -> None:
    """``jsonschema.validate`` without re-checking a schema already seen in this process."""
    key = json.dumps(schema, sort_keys=True)
    validator = _VALIDATORS.get(key)
    if validator is None:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = _VALIDATORS[key] = cls(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


@contextlib.contextmanager
def _compiled_schema_checks() -> Iterator[None]:
    original = common.jsonschema
    common.jsonschema = SimpleNamespace(validate=validate_compiled)
    try:
        yield
    finally:
        common.jsonschema = original


class CheckCellMetadataOnce(CheckCellMetadata):
    """nbgrader's ``CheckCellMetadata``, with the schema compiled once per process."""

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        """Validate every cell's nbgrader metadata exactly as nbgrader does."""
        with _compiled_schema_checks():
            return super().preprocess(nb, resources)
