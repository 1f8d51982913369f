"""The package as a user first meets it: import cost, version, console script."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

import nhsplan
from nhsplan import cli
from nhsplan._moved import MOVED


class TestImport:
    def test_import_does_not_pull_heavy_dependencies(self) -> None:
        code = (
            "import sys, nhsplan; "
            "heavy = sorted(m for m in ('pint', 'numpy', 'pandas', 'matplotlib', 'cattrs', "
            "'duckdb', 'pyspark', 'ibis', 'narwhals', 'pyarrow') "
            "if m in sys.modules); print(','.join(heavy))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == ""

    def test_version(self) -> None:
        assert nhsplan.__version__.count(".") == 2

    def test_public_names_exist(self) -> None:
        missing = [name for name in nhsplan.__all__ if not hasattr(nhsplan, name)]
        assert missing == []

    def test_evaluate_is_the_function_even_after_importing_its_module(self) -> None:
        import nhsplan.evaluate  # noqa: PLC0415 - the point of the test

        assert callable(nhsplan.evaluate)
        assert nhsplan.evaluate.__module__ == "nhsplan.evaluate"

    def test_calendar_contract(self) -> None:
        assert nhsplan.FinancialYear.parse("2021/22").start == date(2021, 4, 1)
        assert nhsplan.Status.MET.value == "met"


class TestCli:
    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            cli.main(["--version"])
        assert info.value.code == 0
        assert capsys.readouterr().out.strip() == f"nhsplan {nhsplan.__version__}"

    def test_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            cli.main(["--help"])
        assert info.value.code == 0
        assert "planning guidance" in capsys.readouterr().out

    def test_no_command_prints_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert cli.main([]) == 0
        assert "usage: nhsplan" in capsys.readouterr().out

    def test_console_script_installed(self) -> None:
        out = subprocess.run(
            [sys.executable, "-m", "nhsplan", "--version"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.startswith("nhsplan ")


class TestMovedModules:
    """The old module paths of 0.1 still import for one release, with a warning."""

    @pytest.mark.parametrize("old", sorted(MOVED))
    def test_old_path_warns_and_gives_the_new_module(self, old: str) -> None:
        code = (
            "import importlib, warnings\n"
            "with warnings.catch_warnings(record=True) as caught:\n"
            "    warnings.simplefilter('always')\n"
            f"    old = importlib.import_module({old!r})\n"
            f"new = importlib.import_module({MOVED[old]!r})\n"
            "assert old is new, (old, new)\n"
            "assert any(issubclass(w.category, DeprecationWarning) for w in caught)\n"
            f"assert {MOVED[old]!r} in str(caught[0].message)\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)

    def test_a_moved_package_keeps_its_submodules(self) -> None:
        code = (
            "import warnings\n"
            "warnings.simplefilter('ignore')\n"
            "import nhsplan.rules.erf, nhsplan.evaluate.rules.erf as new\n"
            "assert nhsplan.rules.erf is new\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
