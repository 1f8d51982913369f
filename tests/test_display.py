"""Notebook display and rounded figures: short reprs, escaped HTML of bounded size."""

from __future__ import annotations

import html.parser
from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nhsplan
from nhsplan import display
from nhsplan.engines.guidance import evaluate_guidance
from nhsplan.evaluate.report import Report
from nhsplan.model import Assessment, Citation, Status
from nhsplan.spc import xmr
from nhsplan.units import quantity

EDITIONS = nhsplan.editions()
TAGS = frozenset(
    {"div", "p", "strong", "span", "table", "caption", "thead", "tbody", "tr", "th", "td", "ul"}
    | {"li", "style"}
)


class _Parsed(html.parser.HTMLParser):
    """The tags and text of an HTML fragment (character references decoded)."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.open: list[str] = []
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag, f"</{tag}> closes another element"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> _Parsed:
    parsed = _Parsed(markup)
    assert parsed.open == [], "every element is closed"
    assert set(parsed.tags) <= TAGS, set(parsed.tags) - TAGS
    return parsed


@pytest.fixture(scope="module")
def big_report() -> Report:
    from nhsplan.io.readers import read_ae_attendances  # noqa: PLC0415

    data = read_ae_attendances()
    return evaluate_guidance(
        nhsplan.load_guidance("standards"), data.observations, as_of=date(2019, 3, 31)
    )


class TestFormatAmount:
    @pytest.mark.parametrize(
        ("value", "unit", "signed", "text"),
        [
            (86.60427671795345, "percent", False, "86.6%"),
            (95, "percent", False, "95.0%"),
            (-30.78, "percentage points", True, "-30.8 pp"),
            (0.14, "percentage points", True, "+0.1 pp"),
            (-0.04, "percentage points", True, "0.0 pp"),
            (0.0, "percent", True, "0.0%"),
            (15_500, "FTE", False, "15,500 FTE"),
            (1_200_000, "intervention", False, "1,200,000 interventions"),
            (1, "patient", False, "1 patient"),
            (6000, "person", False, "6,000 people"),
            (12.5, "minute", False, "12.5 minutes"),
            (6.6e9, "GBP", False, "£6.6bn"),
            (1.2e8, "GBP", False, "£120m"),
            (-2_500_000, "GBP", True, "-£2.5m"),
            (3.5, "GBP / person", False, "£3.50 per person"),
            (1234.56, "GBP", False, "£1,235"),
            (0.92, "dimensionless", False, "0.92"),
            (3, "count", False, "3"),
            (None, "percent", False, ""),
        ],
    )
    def test_cases(self, value: float | None, unit: str, signed: bool, text: str) -> None:
        assert display.format_amount(value, unit, signed=signed) == text

    def test_margin_unit(self) -> None:
        assert display.margin_unit("percent") == "percentage points"
        assert display.margin_unit("GBP") == "GBP"


class TestReprs:
    @pytest.mark.parametrize("edition", EDITIONS)
    def test_guidance_repr_is_short(self, edition: str) -> None:
        guidance = nhsplan.load_guidance(edition)
        text = repr(guidance)
        assert len(text) < 4096
        assert "\n" not in text
        assert guidance.id in text
        assert f"{len(guidance.targets)} targets" in text

    def test_the_2021_22_edition(self) -> None:
        assert len(repr(nhsplan.load_guidance("2021/22"))) < 4096  # was 123 KB

    @pytest.mark.parametrize("edition", EDITIONS)
    def test_targets_and_priorities(self, edition: str) -> None:
        guidance = nhsplan.load_guidance(edition)
        for target in guidance.targets:
            text = repr(target)
            assert text.startswith(f"<{type(target).__name__} {target.id}:")
            assert len(text) < 300
        for top in guidance.priorities:
            for priority in top.walk():
                assert repr(priority).startswith(f"<Priority {priority.code} ")
                assert len(repr(priority)) < 300

    def test_what_a_target_asks(self) -> None:
        fds = nhsplan.load_guidance("2021/22").target("cancer_faster_diagnosis_standard")
        assert repr(fds) == (
            "<ThresholdTarget cancer_faster_diagnosis_standard: "
            "cancer_faster_diagnosis at least 75.0%, from Q3 (C2)>"
        )

    def test_report(self, big_report: Report) -> None:
        text = repr(big_report)
        assert text == (
            "<Report 'standards' as of 2019-03-31: 1,375 assessments "
            # issue 17: the interim levels are national, so not applicable to one organisation
            "(104 met, 123 not met, 4 not due, 48 no data, 1,096 not applicable)>"
        )

    def test_equality_is_unchanged(self) -> None:
        a, b = nhsplan.load_guidance("2021/22"), nhsplan.load_guidance("2021/22")
        assert a.target("ics_governance_mou") == b.target("ics_governance_mou")
        other = attrs.evolve(a.target("ics_governance_mou"), name="another")
        assert other != a.target("ics_governance_mou")


class TestHtml:
    @pytest.mark.parametrize("edition", EDITIONS)
    def test_guidance_summary(self, edition: str) -> None:
        guidance = nhsplan.load_guidance(edition)
        markup = guidance._repr_html_()
        assert len(markup) < 64_000
        text = "".join(parse(markup).text)
        assert guidance.title in text
        for target in guidance.targets[: display.MAX_ROWS // 2]:
            assert target.id in text
        for top in guidance.priorities:
            assert top.title in text

    @pytest.mark.parametrize("edition", EDITIONS)
    def test_targets_and_priorities(self, edition: str) -> None:
        guidance = nhsplan.load_guidance(edition)
        for target in guidance.targets:
            markup = target._repr_html_()
            assert target.name in "".join(parse(markup).text)
        for top in guidance.priorities:
            assert top.code in "".join(parse(top._repr_html_()).text)

    def test_report_of_all_the_bundled_ae_data(self, big_report: Report) -> None:
        markup = big_report._repr_html_()
        assert len(markup) < 64_000  # the repr was 630 KB
        parsed = parse(markup)
        text = "".join(parsed.text)
        assert f"… {len(big_report.assessments) - display.MAX_ROWS:,} more assessments …" in text
        assert parsed.tags.count("tr") == display.MAX_ROWS + 2  # header and the gap
        assert str(big_report.assessments[0].org) in text
        assert str(big_report.assessments[-1].org) in text

    def test_spc_readings_get_their_columns(self) -> None:
        from nhsplan.io.readers import ENGLAND, read_ae_attendances  # noqa: PLC0415

        england = read_ae_attendances().select(org=ENGLAND)
        report = evaluate_guidance(
            nhsplan.load_guidance("standards"), england, as_of=date(2019, 3, 31), spc=True
        )
        parsed = parse(report._repr_html_())
        text = "".join(parsed.text)
        assert "variation" in text
        assert "consistent fail" in text
        plain = parse(attrs.evolve(report, assessments=())._repr_html_())
        assert "variation" not in "".join(plain.text)

    def test_status_colours(self, big_report: Report) -> None:
        markup = big_report._repr_html_()
        for status, (colour, _background) in display.STATUS_COLOURS.items():
            if big_report.summary()[status]:
                assert f"color:{colour}" in markup, status

    @settings(max_examples=200, deadline=None)
    @given(org=st.text(min_size=1), reason=st.text(), source=st.text(min_size=1))
    def test_every_text_is_escaped(self, org: str, reason: str, source: str) -> None:
        if not source.strip():
            source = "x"
        assessment = Assessment(
            target="t",
            status=Status.NOT_MET,
            reason=reason,
            citation=Citation(source=source),
            as_of=date(2021, 4, 1),
            org=org,
            observed=quantity(1, "percent"),
        )
        report = Report(
            edition="<x>", as_of=date(2021, 4, 1), assessments=(assessment,), warnings=(reason,)
        )
        parsed = parse(report._repr_html_())  # only our tags, all closed
        text = "".join(parsed.text)
        clean = org.replace("\r\n", "\n").replace("\r", "\n")  # HTML parsers normalise these
        assert clean in text.replace("\r\n", "\n").replace("\r", "\n")

    def test_a_target_shows_its_amendments(self) -> None:
        erf = nhsplan.load_guidance("2021/22").target("elective_recovery_fund_threshold")
        text = "".join(parse(erf._repr_html_()).text)
        assert "95.0% from 2021-07-01" in text

    def test_a_script_in_the_data_stays_text(self) -> None:
        guidance = nhsplan.load_guidance("2021/22")
        target = attrs.evolve(
            guidance.target("ics_governance_mou"),
            name='<script>alert("x")</script>',
            citation=Citation(source='" onmouseover="alert(1)', quote="<img src=x>"),
        )
        markup = target._repr_html_()
        assert "<script" not in markup
        assert "<img" not in markup
        assert "&lt;script&gt;" in markup
        parse(markup)


class TestSpc:
    def test_repr_and_html(self) -> None:
        values = [90.0, 91.0] * 10 + [99.0]
        labels = [nhsplan.Month(2020 + i // 12, i % 12 + 1) for i in range(len(values))]
        result = xmr(values, labels=labels, target=95.0)
        text = display.spc_repr(result)
        assert text.startswith("<SpcResult 21 points, 1 segment: ")  # not "1 segments"
        assert "consistent_fail" in text
        assert len(text) < 300
        markup = display.spc_html(result)
        parsed = parse(markup)
        body = "".join(parsed.text)
        assert "2020-01" in body
        assert "2021-09" in body  # the special-cause point
        assert "outside" in body

    def test_a_long_rebased_chart_stays_small(self) -> None:
        values = [float(i % 7) for i in range(2000)]
        result = xmr(values, options=nhsplan.spc.SpcOptions(rebase_at=range(20, 2000, 20)))
        markup = display.spc_html(result)
        assert len(markup) < 64_000
        parse(markup)
