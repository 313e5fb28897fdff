"""Validation errors in plain words: what to write, not which rule of the schema failed.

A teacher filling in a package reads "use lower-case letters, digits and underscores",
not "String should match pattern '^[a-z0-9][a-z0-9_]*$'". `plain_message` turns one
pydantic error (a dict from `ValidationError.errors()`) into such a sentence.

>>> plain_message({"type": "missing", "msg": "Field required", "ctx": {}})
'required field is missing or empty'
>>> plain_message({"type": "string_pattern_mismatch", "msg": "",
...                "ctx": {"pattern": "^[a-z0-9][a-z0-9_]*$"}})[:45]
'use lower-case letters, digits and underscore'
"""

from __future__ import annotations

from imos.dataset.schema import CASE_ID_PATTERN, DIAGNOSIS_LIST_PATTERN, DOI_PATTERN, IDENTIFIER_PATTERN

PATTERNS = {
    IDENTIFIER_PATTERN: "use lower-case letters, digits and underscores only, starting with a "
                        "letter or digit (for example intramedullary_sclerosis)",
    CASE_ID_PATTERN: "use 1 to 20 letters, digits, - or _, without spaces (for example 1 or A)",
    DOI_PATTERN: "write the DOI alone, such as 10.1186/s12891-020-03758-5 "
                 "(without https://doi.org/)",
    DIAGNOSIS_LIST_PATTERN: "list diagnosis ids from knowledge/diagnoses.csv separated by ; "
                            "without spaces (for example osteoid_osteoma;stress_fracture)",
}

KINDS = {
    "string_type": "write text here",
    "int_parsing": "write a whole number (digits only, for example 42)",
    "int_from_float": "write a whole number, without decimals",
    "int_type": "write a whole number",
    "float_parsing": "write a number (for example 12 or 2.5, with a point, not a comma)",
    "float_type": "write a number",
    "bool_parsing": "write true or false",
    "bool_type": "write true or false",
    "dict_type": "expected a mapping of names to values (name: value lines)",
    "list_type": "expected a list (lines starting with - )",
    "finite_number": "write an ordinary number",
    "model_type": "expected a mapping of fields (name: value lines)",
}


def plain_message(error: dict) -> str:
    """One pydantic error in the words of a person filling in the file."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return "required field is missing or empty"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling of the column or key)"
    if kind == "string_pattern_mismatch":
        return PATTERNS.get(str(ctx.get("pattern")), "the value is not written in the expected form")
    if kind == "literal_error":
        return f"write one of: {ctx.get('expected', '')}".replace("'", "")
    if kind == "string_too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else (
            f"too short: write at least {ctx.get('min_length')} characters")
    if kind == "string_too_long":
        return f"too long: at most {ctx.get('max_length')} characters"
    if kind in ("too_short", "too_long"):
        return f"{'too few' if kind == 'too_short' else 'too many'} entries (expected " \
               f"{'at least' if kind == 'too_short' else 'at most'} " \
               f"{ctx.get('min_length', ctx.get('max_length'))})"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be {'at least' if kind == 'greater_than_equal' else 'more than'} " \
               f"{ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be {'at most' if kind == 'less_than_equal' else 'less than'} " \
               f"{ctx.get('le', ctx.get('lt'))}"
    return KINDS.get(kind, str(error.get("msg", "not a valid value")))
