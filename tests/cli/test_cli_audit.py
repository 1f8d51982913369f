"""``nhsplan audit EDITION``: an edition beside its sources, in one read (issue 17 item 6)."""

from __future__ import annotations

import io

import pytest

from nhsplan.catalog.audit import audit_text
from nhsplan.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


class TestCommand:
    def test_prints_the_audit(self) -> None:
        code, out = run("audit", "2025-26")
        assert code == 0
        assert out == audit_text("2025/26")
        assert '  quote:    "Systems are expected to continue' in out

    def test_an_unknown_edition_is_one_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run("audit", "1999/00")[0] == 2
        assert capsys.readouterr().err.count("\n") == 1
