"""The small escapes of issue 21: each ends in a documented error naming the field.

A 5,000-digit integer in a guidance file, an id with a trailing new line, Unicode case mapping
of codes, wrong Python types given to the model's constructors and to ``resolve_deadline``,
numbers too large for an XmR chart, ``report --org`` in lower case or for an organisation that
is not there, a long chain of priorities, and control characters on their way to an ``.ics``
file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import nhsplan
from nhsplan import cli
from nhsplan.calendar import FinancialYear
from nhsplan.calendar.deadlines import resolve_deadline
from nhsplan.catalog._priorities import depths
from nhsplan.catalog.registry import parse_document
from nhsplan.errors import CatalogError, InvalidValueError, NhsplanError
from nhsplan.model import Observation
from nhsplan.model.formats import upper_ascii
from nhsplan.spc import xmr

STANDARDS = nhsplan.load_guidance("standards")
HEAD = 'id = "local"\ntitle = "t"\nyear = "2021/22"\ncitation = "x"\n'


class TestHugeNumbers:
    @pytest.mark.parametrize(
        ("name", "text", "line"),
        [
            ("local.toml", HEAD + f"extends = [{'9' * 5000}]\n", "line 5"),
            ("local.json", '{"id": "x",\n "title": ' + "9" * 5000 + "}", "line 2"),
        ],
    )
    def test_a_5000_digit_integer_is_a_catalog_error(
        self, tmp_path: Path, name: str, text: str, line: str
    ) -> None:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(CatalogError, match="a number has 5,000 digits") as info:
            nhsplan.load_guidance(path)
        assert info.value.problems[0][0] == line


class TestIdsMatchWhole:
    @pytest.mark.parametrize("tail", ["\n", "\r\n", " ", "\t"])
    def test_observation_metric(self, tail: str) -> None:
        with pytest.raises(InvalidValueError, match="metric"):
            Observation(
                org="RBD", metric="ae_4_hour" + tail, period="2021-11", numerator=1, denominator=2
            )

    def test_observation_org(self) -> None:
        with pytest.raises(InvalidValueError, match="org"):
            Observation(org="RBD\n", metric="ae_4_hour", period="2021-11", value=1.0)

    def test_metric_and_target_ids(self) -> None:
        metric = STANDARDS.metric("ae_4_hour")
        target = STANDARDS.target("ae_4_hour")
        with pytest.raises(InvalidValueError, match="id"):
            attrs.evolve(metric, id="ae_4_hour\n")
        with pytest.raises(InvalidValueError, match="id"):
            attrs.evolve(target, id="ae_4_hour\n")
        with pytest.raises(InvalidValueError, match="metric"):
            attrs.evolve(target, metric="ae_4_hour\n")


class TestAsciiCodes:
    @pytest.mark.parametrize(("text", "upper"), [("rbd", "RBD"), ("straße", "STRAßE"), ("ﬀ", "ﬀ")])
    def test_only_a_to_z_change(self, text: str, upper: str) -> None:
        assert upper_ascii(text) == upper

    @pytest.mark.parametrize("code", ["straße", "ﬀ1", "ǆ1"])
    def test_a_code_unicode_would_map_to_ascii_is_refused(self, code: str) -> None:
        with pytest.raises(InvalidValueError, match="org"):
            Observation(org=code, metric="ae_4_hour", period="2021-11", value=1.0)

    def test_a_priority_code_keeps_non_ascii(self) -> None:
        guidance = nhsplan.load_guidance("2021/22")
        assert guidance.priority("c2").code == "C2"
        with pytest.raises(NhsplanError):
            guidance.priority("ç2")


def _fields(obj: Any) -> Iterator[str]:
    for field in attrs.fields(type(obj)):
        yield field.name


class TestWrongTypes:
    def test_resolve_deadline_published(self) -> None:
        for wrong in [(), "2021-03-25", 20210325]:
            with pytest.raises(InvalidValueError, match="published"):
                resolve_deadline("by end of Q1", FinancialYear(2021), published=wrong)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "obj",
        [STANDARDS.metric("ae_4_hour"), STANDARDS.target("ae_4_hour")],
        ids=["Metric", "Target"],
    )
    def test_every_field_given_an_object_names_it(self, obj: Any) -> None:
        for name in _fields(obj):
            with pytest.raises(InvalidValueError) as info:
                attrs.evolve(obj, **{name: object()})
            assert name in str(info.value) or name.rstrip("s") in str(info.value).lower(), name

    def test_a_date_given_as_text_names_the_field(self) -> None:
        target = STANDARDS.target("ae_4_hour")
        with pytest.raises(InvalidValueError, match=r"effective_until.*date\(2021, 6, 30\)"):
            attrs.evolve(target, effective_until="2022-03-31")  # type: ignore[arg-type]


class TestXmrSizes:
    def test_values_whose_mean_would_overflow(self) -> None:
        with pytest.raises(InvalidValueError, match=r"values\[0\].*too large"):
            xmr([1e308, 1e308])

    def test_an_integer_too_large_for_a_float(self) -> None:
        with pytest.raises(InvalidValueError, match=r"values\[0\].*integer too large"):
            xmr([10**400, 1])
        with pytest.raises(InvalidValueError, match="target"):
            xmr([1.0, 2.0], target=10**400)

    def test_large_values_that_fit_still_chart(self) -> None:
        result = xmr([1e300, 2e300, 1.5e300])
        assert result.points[0].mean == pytest.approx(1.5e300)


class TestReportOrg:
    FIGURES = "org,metric,period,value,unit,numerator,denominator\n" + "".join(
        f"RBD,ae_4_hour,2021-{m:02d},,,{900 + m},1000\n" for m in range(1, 13)
    )

    def _run(self, tmp_path: Path, org: str) -> tuple[int, Path]:
        figures = tmp_path / "figures.csv"
        figures.write_text(self.FIGURES, encoding="utf-8")
        html = tmp_path / "report.html"
        argv = ["report", str(figures), "--edition", "standards", "--as-of", "2021-12-31"]
        code = cli.main([*argv, "--org", org, "--html", str(html)], out=io.StringIO())
        return code, html

    def test_lower_case_org(self, tmp_path: Path) -> None:
        code, html = self._run(tmp_path, "rbd")
        assert code == 0
        assert "RBD" in html.read_text(encoding="utf-8")

    def test_an_org_not_in_the_file_is_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, html = self._run(tmp_path, "ZZZ")
        assert code == 2
        assert "no figures for organisation ZZZ" in capsys.readouterr().err
        assert not html.exists()


class _Counting(dict[str, str | None]):
    """A parents mapping that counts its look-ups."""

    lookups = 0

    def __getitem__(self, key: str) -> str | None:
        self.lookups += 1
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.lookups += 1
        return super().__contains__(key)


class TestPriorityChain:
    def test_depths_take_linear_time(self) -> None:
        n = 8_000
        parents = _Counting({f"p{i}": f"p{i - 1}" if i else None for i in range(n)})
        measured = depths(parents)
        assert measured["p7999"] == 7_999
        assert parents.lookups <= 4 * n  # walking each chain whole took about n * n / 2

    def test_depths_of_cycles_and_unknown_parents(self) -> None:
        parents: Mapping[str, str | None] = {
            "A": "B",
            "B": "A",
            "C": "A",
            "D": "X",
            "E": None,
            "F": "E",
        }
        assert depths(parents) == {"A": None, "B": None, "C": None, "D": 1, "E": 0, "F": 1}

    def test_an_8000_chain_is_refused_with_every_problem(self) -> None:
        chain = [
            {
                "code": f"p{i}",
                "title": "t",
                "citation": "x",
                **({"parent": f"p{i - 1}"} if i else {}),
            }
            for i in range(8_000)
        ]
        base = {"id": "local", "title": "t", "year": "2021/22", "citation": "x"}
        with pytest.raises(CatalogError, match="nest at most 20 levels") as info:
            parse_document({**base, "priorities": chain}, source="memory")
        assert len(info.value.problems) == 8_000 - 21


class TestIcsControlCharacters:
    def test_control_characters_are_written_as_escapes(self) -> None:
        pytest.importorskip("icalendar")
        from nhsplan.io.writers.ics import deadlines_to_ics  # noqa: PLC0415

        item = nhsplan.load_guidance("2021/22").deadlines[0]
        evil = attrs.evolve(item, text="MOU \x1b[31mred\x07\x00 \ud800 done\x7f")
        data = deadlines_to_ics([evil], edition="local\x1b]0;x\x07", stamp=datetime(2021, 1, 1))
        assert not any((b < 0x20 and b not in (0x0D, 0x0A, 0x09)) or b == 0x7F for b in data)
        text = data.decode("utf-8")
        assert "\\\\x1b[31mred\\\\x07\\\\x00 \\\\ud800 done\\\\x7f" in text.replace("\r\n ", "")
