import pytest

from pasok import cli


@pytest.mark.django_db
def test_two_words_name_one_command(capsys, tmp_path):
    sample = tmp_path / "s.csv"
    sample.write_text("name;nib\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        cli.main(["import", "suppliers", str(sample), "--dry-run"])
    assert exc.value.code == 2  # a header without the required columns is bad input
    assert "row 1" in capsys.readouterr().err


def test_django_commands_pass_through(capsys):
    cli.main(["check"])
    assert "no issues" in capsys.readouterr().out
