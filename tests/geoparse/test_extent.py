"""extent: the words around a name that make it a region ("in rural X") or a point near it ("8 km from X")."""

from __future__ import annotations

import pytest

from sitrep.geoparse.extent import locates_another, means_near, means_region


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("Shelling killed two farmers in rural ", " on Sunday.", True),
        ("The troops patrol a remote part of southern ", ".", True),
        ("Militants hide in the hills of ", " province.", True),
        ("Clashes spread across the north of ", ".", True),
        ("Aid convoys could not reach the ", " countryside.", True),
        ("Gunmen attacked a market in ", " on Monday.", False),
        ("A bomb went off in the Malir area of ", ".", False),  # a part of the city, not a region
        ("He was born in ", ".", False),
    ],
)
def test_means_region(before: str, after: str, expected: bool) -> None:
    assert means_region(before, after) is expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("Shells hit a village 8 km from ", True),
        ("The convoy was ambushed some 20 kilometres (12 miles) outside ", True),
        ("A camp 30 miles north of ", True),
        ("A bus travelling from ", False),
        ("Clashes broke out in ", False),
    ],
)
def test_means_near(before: str, expected: bool) -> None:
    assert means_near(before) is expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("a maternity hospital in Punia, 60 miles north of ", True),
        ("the town of Turbin, about 300 km (190 miles) north-east of ", True),
        ("Rebels attacked Rajorgarh, some 20 kilometres outside ", True),
        ("Shells hit a village 8 km from ", False),
        ("militants attacked, 30 km from ", False),
    ],
)
def test_locates_another(before: str, expected: bool) -> None:
    # A distance after "<Name>," locates that name; the place after it is only a landmark.
    assert locates_another(before) is expected
