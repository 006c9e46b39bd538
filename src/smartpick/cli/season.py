"""``smartpick season PROFILE SEASONFILE``: the season companion."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import printable
from ..results import count
from .common import JsonOption, console, field, pct, run

if TYPE_CHECKING:
    from ..service.season import SeasonReport

SHOWN_LIVE = 15


def _say(text: str, style: str | None = None) -> None:
    """One line, never read as rich markup (names may hold brackets)."""
    console.print(text, markup=False, style=style)


def register(app: typer.Typer) -> None:
    app.command("season")(season_command)


def season_command(
    profile: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON, format v1).")],
    season_file: Annotated[
        Path,
        typer.Argument(help="Season file: as_of and the applications (smartpick docs season)."),
    ],
    json_output: JsonOption = False,
) -> None:
    """P(match) before the season and now, from the invitations, rejections and silence so
    far; further invitations, late applications, rank-list advice and SOAP readiness."""
    from ..service.season import season_for_profile

    run(lambda: season_for_profile(profile, season_file), render_season, json_output)


def render_season(r: SeasonReport) -> None:
    u = r.update
    _say(
        f"Season as of {r.as_of} ({field(r.specialty)}, {count(r.applications, 'application')}): "
        f"{count(u.invites, 'invitation')}, {count(u.rejections, 'rejection')}, {u.silent} silent."
    )
    low, high = r.p_match_now_timing_range
    _say(
        f"P(match) before the season {pct(r.p_match_prior)}, now {pct(r.p_match_now)} "
        f"({pct(low)}-{pct(high)} with the invite timing two weeks earlier or later, assumed)."
    )
    _say(
        f"Further invitations expected {u.expected_further_invites:.1f} "
        f"(80% range {u.further_invites_low}-{u.further_invites_high}); "
        f"{count(len(r.live), 'program')} live."
    )
    _live(r)
    _late(r)
    _rank(r)
    _soap(r)
    _say(printable(r.timing), style="dim")
    for note in r.notes:
        _say(f"Note: {printable(note)}", style="dim")


def _live(r: SeasonReport) -> None:
    live = [p for p in r.programs if p.now.live][:SHOWN_LIVE]
    for p in live:
        # a track's program (listing) is answered once: its status may be another track's
        status = p.status if p.now.status == p.status else f"{p.status}; its program {p.now.status}"
        later = "" if p.now.status != "applied" else f", invite later {pct(p.now.p_invite_later)}"
        _say(
            f"  {p.code} {printable(p.institution)} ({status})"
            f"{later}, match if ranked {pct(p.now.p_match_if_ranked)}"
        )


def _late(r: SeasonReport) -> None:
    late = r.late_applications
    _say(f"Late applications: {printable(late.note)}")
    if late.helps:
        cost = f"${late.fees_usd:,}" if late.fees_usd is not None else "fees unknown"
        _say(
            f"  {len(late.programs)} more ({cost}) would take P(match) to {pct(late.p_match_with)}:"
            f" {', '.join(p.code for p in late.programs[:10])}"
        )


def _rank(r: SeasonReport) -> None:
    advice = r.rank_advice
    if advice is None:
        _say("Rank list: no interviews yet.")
        return
    _say(f"Rank list: {printable(advice.why)}")
    for line in advice.example:
        _say(f"  {printable(line)}")
    by_count = ", ".join(f"{p.ranked}: {pct(p.p_match)}" for p in advice.p_match_by_count)
    _say(f"  P(match) by programs ranked ({advice.order_from} order): {by_count}")
    _say(f"  {printable(advice.published_ranks)}")
    for line in (*advice.add_tracks, *advice.couples):
        _say(f"  {printable(line)}")


def _soap(r: SeasonReport) -> None:
    soap = r.soap
    head = "prepare now" if soap.recommended else "keep ready"
    _say(
        f"SOAP readiness ({head}; threshold P(match) {pct(soap.threshold)}, "
        f"{soap.threshold_label}):"
    )
    for check in soap.checks:
        _say(
            f"  {check.status.upper()}: {check.item}: {printable(check.detail)}",
        )
    for prog in soap.programs[:5]:
        _say(
            f"  unfilled before: {prog.code} {printable(prog.institution)} "
            f"(filled {prog.filled} of {count(prog.years, 'year')}, {prog.span})"
        )
    for line in soap.timeline:
        _say(f"  {printable(line)}")
