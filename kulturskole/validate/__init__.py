"""Validation layer: the schema, references, order and facts of one version folder."""

from .validator import Result, Validator, format_problems, list_versions, validate_version

__all__ = ["Result", "Validator", "format_problems", "list_versions", "validate_version"]
