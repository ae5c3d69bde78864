import json

from click.testing import CliRunner

from sitrep.cli import main


def test_cli_geoparse_rows_point_into_the_article(tmp_path):
    text = "Gunmen attacked a checkpoint near Quetta in Balochistan, Pakistan, on Monday."
    f = tmp_path / "a.txt"
    f.write_text(text + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["geoparse", str(f), "--quiet"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    quetta = next(r for r in rows if r["text"] == "Quetta")
    assert text[quetta["start"] : quetta["end"]] == "Quetta"
    assert quetta["country"] == "Pakistan" and quetta["admin1"] == "Balochistan"
    assert abs(quetta["latitude"] - 30.18) < 0.2 and abs(quetta["longitude"] - 67.0) < 0.2
    assert quetta["path"] == str(f)
