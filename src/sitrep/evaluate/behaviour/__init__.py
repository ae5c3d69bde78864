"""Behavioural test suites (CheckList-style) for each capability of the extractor, from templates we wrote.

    words.py     the word lists (data/*.tsv: places, districts, regions, countries, made-up villages, groups,
                 state forces, weapons, place-name traps) as typed rows, number words, weekday arithmetic
    cases.py     Case (text, publication day, Expectation) and the check of extracted records against it
    compose.py   what the templates share: seeded choices, an incident sentence, datelines, targets, expand()
    suites/      one module of templates per capability: place, nonevents, fatalities, actors, dates, records
    run.py       generate, run `sitrep.pipeline.extract_many`, report pass rates per capability and kind

`sitrep eval --suites` prints the pass rates; `--errors FILE` writes the failing cases. Every case is generated
from a seed that names it, so the same cases come out on every run. Every text is ours.
"""

from __future__ import annotations

from sitrep.evaluate.behaviour.cases import KINDS, Avoid, Case, Expectation, PlaceTarget, failures
from sitrep.evaluate.behaviour.run import (
    CaseResult,
    SuiteReport,
    check_cases,
    generate_cases,
    render_suites,
    run_suites,
    suites_command,
    write_failures,
)
from sitrep.evaluate.behaviour.suites import CAPABILITIES, SUITES
from sitrep.evaluate.behaviour.words import WordLists, load_words

__all__ = [
    "CAPABILITIES",
    "SUITES",
    "KINDS",
    "Case",
    "Expectation",
    "PlaceTarget",
    "Avoid",
    "failures",
    "CaseResult",
    "SuiteReport",
    "generate_cases",
    "check_cases",
    "run_suites",
    "render_suites",
    "write_failures",
    "suites_command",
    "WordLists",
    "load_words",
]
