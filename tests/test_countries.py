"""countries: names, codes and demonyms to ISO alpha-2."""

from __future__ import annotations

import pytest

from sitrep import countries


@pytest.mark.parametrize(
    ("value", "iso2"),
    [("NG", "NG"), ("ng", "NG"), ("PAK", "PK"), ("Nigeria", "NG"), ("Burma", "MM"), (" Pakistan ", "PK"),
     ("Lebanese", "LB")],
)  # fmt: skip
def test_code_of_reads_codes_and_names(value, iso2):
    assert countries.code_of(value) == iso2


@pytest.mark.parametrize("value", ["Atlantis", "", "XX", "Kaduna"])
def test_code_of_names_no_country_for_anything_else(value):
    assert countries.code_of(value) is None
