"""The README keeps up with the code: every command and every stage is documented."""

from pathlib import Path

from sitrep.cli import main
from sitrep.pipeline import STAGES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_docs_readme_starts_with_the_two_commands():
    head = README[:800]
    assert "make run" in head and "make test" in head
    assert head.index("make run") < head.index("make test")


def test_docs_every_cli_command_is_in_the_readme_and_has_help():
    for name, command in main.commands.items():
        assert f"sitrep {name}" in README, name
        assert command.help, name


def test_docs_every_stage_is_in_the_readme():
    for name in ["annotate", "detect", "places", "merge", *(n for n, _ in STAGES)]:
        assert f"`{name}`" in README, name
