"""The season companion: the season file, the Bayesian update, rank advice, SOAP, the CLI."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from smartpick.errors import InputError, SeasonFileError

PROFILE = """
season: 2027
citizenship: non-us
visa: j1
medical_school: {country: India, start: 2017-08, graduation: 2023-03}
exams:
  - {exam: step1, result: pass, date: 2022-03}
  - {exam: step2ck, score: 245, date: 2023-06}
ecfmg_certified: true
targets: {primary: internal-medicine}
"""


@pytest.fixture(scope="module")
def codes() -> list[str]:
    """40 categorical internal medicine tracks of the catalog (every 15th)."""
    from smartpick.catalog import open_catalog

    tracks = open_catalog().programs_for(["internal-medicine"], ["C"])
    return [p.code for p in tracks][::15][:40]


def season_text(codes: list[str], invites: int, as_of: str = "2026-12-01", **extra) -> str:
    rows = []
    for i, code in enumerate(codes):
        if i < invites:
            rows.append(
                f'  - {{program: "{code}", applied: 2026-09-24, status: invited, '
                f"date: 2026-10-{10 + i:02d}}}"
            )
        else:
            rows.append(f'  - {{program: "{code}", applied: 2026-09-24, status: applied}}')
    head = [f"as_of: {as_of}", *(f"{k}: {v}" for k, v in extra.items()), "applications:"]
    return "\n".join(head + rows) + "\n"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_json(cli, tmp_path, text: str) -> dict:
    result = cli(
        "season", write(tmp_path, "p.yaml", PROFILE), write(tmp_path, "s.yaml", text), "--json"
    )
    assert result.exit_code == 0, result.stdout
    return json.loads(result.stdout)


# --- acceptance: the update moves the right way -----------------------------------------


def test_no_invites_by_december_lowers_p_match_and_more_invites_raise_it(cli, tmp_path, codes):
    none, two, six = (run_json(cli, tmp_path, season_text(codes, n)) for n in (0, 2, 6))
    assert none["applications"] == 40
    assert none["p_match_prior"] == two["p_match_prior"] == six["p_match_prior"]
    assert none["p_match_now"] < none["p_match_prior"]
    assert none["p_match_now"] < two["p_match_now"] < six["p_match_now"]
    for data in (none, two, six):
        for key in ("p_match_prior", "p_match_now", "rank_advice", "soap"):
            assert key in data
        assert data["soap"]["checks"] and data["soap"]["timeline"] and data["soap"]["sources"]
    assert none["rank_advice"] is None  # nothing to rank yet
    assert [p["ranked"] for p in six["rank_advice"]["p_match_by_count"]] == [1, 2, 3, 4, 5, 6]
    counts = [p["p_match"] for p in six["rank_advice"]["p_match_by_count"]]
    assert counts == sorted(counts)
    assert none["soap"]["recommended"]
    assert "assumed" in none["timing"]


def test_silence_early_says_little_and_late_says_much(cli, tmp_path, codes):
    october = run_json(cli, tmp_path, season_text(codes, 0, as_of="2026-10-01"))
    january = run_json(cli, tmp_path, season_text(codes, 0, as_of="2027-01-20"))
    assert january["p_match_now"] < october["p_match_now"] <= october["p_match_prior"]
    assert (
        october["update"]["expected_further_invites"]
        > january["update"]["expected_further_invites"]
    )


def test_the_text_output_names_the_figures(cli, tmp_path, codes):
    result = cli(
        "season",
        write(tmp_path, "p.yaml", PROFILE),
        write(tmp_path, "s.yaml", season_text(codes, 2)),
    )
    assert result.exit_code == 0, result.stdout
    assert "P(match) before the season" in result.stdout
    assert "deferred acceptance" in result.stdout
    assert "SOAP readiness" in result.stdout


# --- the update itself -------------------------------------------------------------------


def _probs(n: int = 5):
    from smartpick.chances import ChanceModel, ProgramFacts

    facts = [ProgramFacts(code=f"X{i:08d}", specialty="internal-medicine") for i in range(n)]
    from smartpick.chances import Applicant

    return ChanceModel().node_probabilities(Applicant(step2ck=240.0), facts)


def test_an_invitation_moves_z_up_a_rejection_down_a_withdrawal_not_at_all():
    from smartpick.season import Observed, update

    probs = _probs(3)
    base = [Observed("applied", 0.0, 1.0)] * 3  # nothing seen yet: no information
    invited = [Observed("invited", 1.0, 1.0), *base[1:]]
    rejected = [Observed("rejected", 1.0, 1.0), *base[1:]]
    withdrawn = [Observed("withdrawn", 1.0, 1.0), *base[1:]]
    z0 = update(probs, base).z_posterior_mean
    assert abs(z0 - update(probs, base).z_prior_mean) < 1e-9
    assert update(probs, invited).z_posterior_mean > z0 > update(probs, rejected).z_posterior_mean
    assert abs(update(probs, withdrawn).z_posterior_mean - z0) < 1e-9
    assert update(probs, base).p_match_now == pytest.approx(update(probs, base).p_match_prior)


def test_the_posterior_is_bayes_rule_on_a_grid():
    """The update's posterior equals prior x likelihood computed by hand for one program."""
    from smartpick.season import Observed
    from smartpick.season.update import posterior_weights

    probs = _probs(1)
    q = probs.interview
    obs = [Observed("applied", 0.6, 1.0)]
    by_hand = probs.weights * (1 - 0.6 * q[0])
    np.testing.assert_allclose(posterior_weights(probs, q, obs), by_hand / by_hand.sum())


def test_further_invites_mean_and_range_match_a_monte_carlo_draw():
    """Draw z from the posterior, then each silent program's later invitation: the count's
    mean and 10th/90th percentiles agree with the update's."""
    from smartpick.season import Observed, update
    from smartpick.season.update import later_invite, open_invites

    probs = _probs(30)
    observed = [Observed("invited", 0.3, 1.0)] * 3 + [Observed("applied", 0.3, 1.0)] * 27
    u = update(probs, observed)
    later = later_invite(open_invites(probs, observed), observed)
    rng = np.random.default_rng(7)
    nodes = rng.choice(len(u.posterior), size=40_000, p=np.array(u.posterior))
    counts = (rng.random((40_000, 30)) < later[:, nodes].T).sum(axis=1)
    assert counts.mean() == pytest.approx(u.expected_further_invites, rel=0.03)
    low, high = np.quantile(counts, [0.1, 0.9])
    assert abs(low - u.further_invites_low) <= 1 and abs(high - u.further_invites_high) <= 1
    assert u.further_invites_high > u.further_invites_low


def test_the_worked_example_comes_from_the_real_engine():
    from smartpick.season.rank import worked_example

    lines = worked_example()
    assert "you match Y" in lines[1] and "you match Y" in lines[2]
    assert "gives X" in lines[3]


# --- bad season files: one clean error each, exit 2, nothing stored -----------------------


BAD = {
    "unknown code": ("season.applications[0].program", "no program with code"),
    "after as_of": ("season.applications[1].date", "after as_of"),
    "duplicate": ("season.applications[2].program", "listed twice"),
    "10 MB": ("season", "MB"),
}


def _bad_text(kind: str, codes: list[str]) -> str:
    text = season_text(codes[:5], 2)
    if kind == "unknown code":
        return text.replace(codes[0], "9999999Z9")
    if kind == "after as_of":
        return text.replace("2026-10-11", "2026-12-24")
    if kind == "duplicate":
        return text.replace(codes[2], codes[0])
    return text + "# " + "x" * 10_000_000 + "\n"


@pytest.mark.parametrize("kind", sorted(BAD))
def test_a_bad_season_file_is_one_clean_error_and_nothing_is_stored(
    kind, cli, tmp_path, codes, smartpick_home
):
    profile = write(tmp_path, "p.yaml", PROFILE)
    cli("season", profile, write(tmp_path, "ok.yaml", season_text(codes[:3], 0)), "--json")
    before = sorted((p.name, p.stat().st_size) for p in smartpick_home.rglob("*"))
    bad = write(tmp_path, "bad.yaml", _bad_text(kind, codes))
    result = cli("season", profile, bad)
    assert result.exit_code == 2
    message = result.stderr.strip().splitlines()
    assert message[0].startswith("Error: ") and BAD[kind][1] in message[0]
    assert BAD[kind][0] in message[0]
    assert "Traceback" not in result.stderr
    as_json = json.loads(cli("season", profile, bad, "--json").stdout)
    assert as_json["error"]["path"] == BAD[kind][0]
    assert sorted((p.name, p.stat().st_size) for p in smartpick_home.rglob("*")) == before


def test_parse_errors_name_the_field():
    from smartpick.season import parse_season

    with pytest.raises(SeasonFileError) as exc:
        parse_season("as_of: 2026-12-01\napplications:\n  - {program: 1234140C0, status: maybe}\n")
    assert exc.value.path == "season.applications[0].status"
    with pytest.raises(InputError) as exc2:
        parse_season("- a list\n")
    assert exc2.value.path == "season"
    with pytest.raises(SeasonFileError) as exc3:
        parse_season("applications: []\n")
    assert exc3.value.path == "season.as_of"


# --- service helpers ---------------------------------------------------------------------


def test_import_from_a_plan_list_and_back_to_text(codes):
    from smartpick.service import season_from_codes, season_text

    season = season_from_codes([codes[0], codes[1], codes[0]])
    assert [a.program for a in season.applications] == codes[:2]
    text = season_text(season)
    assert season_text(text) == text


# --- calibration on simulated seasons -----------------------------------------------------


def test_the_update_is_calibrated_on_simulated_seasons():
    """Internal medicine, one simulated season (about 10,000 non-US IMGs): at the end of
    November (day 68) the deciles of the updated P(match) are within 5 points of the
    simulated match shares, and the update beats the prior (Brier score)."""
    from smartpick.service import season_calibration

    result = season_calibration(("internal-medicine",), (68,), seed=2026, runs=1)
    check = result.checks[0]
    assert check.applicants > 1000
    assert len(check.deciles) == 10
    gaps = [abs(d.predicted - d.simulated) for d in check.deciles]
    assert max(gaps) <= 0.05, check.deciles
    assert check.brier < check.brier_prior


# --- late applications, preferences, couples ---------------------------------------------


def test_late_applications_add_what_they_say(cli, tmp_path, codes):
    """Early in the season a few more applications help: their gains add up to the rise in
    P(match) they claim, each costs a fee, and they are not already in the file."""
    data = run_json(cli, tmp_path, season_text(codes[:10], 1, as_of="2026-10-15"))
    late = data["late_applications"]
    assert late["helps"] and late["programs"]
    gains = [p["gain"] for p in late["programs"]]
    worth = [p["gain"] / p["fee_usd"] * 100 for p in late["programs"]]  # points per 100 USD
    assert gains == sorted(gains, reverse=True) and min(worth) >= 0.005
    assert sum(gains) == pytest.approx(late["p_match_with"] - data["p_match_now"], abs=2e-3)
    assert not {p["code"] for p in late["programs"]} & set(codes[:10])
    assert all(p["fee_usd"] and p["fee_usd"] > 0 for p in late["programs"])
    assert 0 < late["open_share"] < 1


@pytest.fixture(scope="module")
def listings() -> list[list[str]]:
    """Internal medicine programs with two or more categorical tracks in one ERAS listing."""
    from smartpick.catalog import open_catalog
    from smartpick.chances import listing_key

    groups: dict[str, list[str]] = {}
    for p in open_catalog().programs_for(["internal-medicine"], ["C"]):
        groups.setdefault(listing_key(p.code, p.track), []).append(p.code)
    return [codes for codes in groups.values() if len(codes) >= 2]


def test_late_applications_are_programs_not_tracks(cli, tmp_path, listings):
    """A late application is a program's ERAS listing: never another track of a program the
    file applied to, never two tracks of one program (each would be paid and drawn again)."""
    applied = [codes[0] for codes in listings[:3]]
    data = run_json(cli, tmp_path, season_text(applied, 0, as_of="2026-10-01"))
    late = [p["code"] for p in data["late_applications"]["programs"]]
    assert len(late) >= 5  # early, with a budget: the planner proposes some
    programs = [code[:7] for code in late]
    assert not set(programs) & {code[:7] for code in applied}
    assert len(set(programs)) == len(programs)


def test_tracks_of_one_program_are_one_interview_decision(cli, tmp_path, listings):
    """Naming a program's second track with the same status adds no second chance of an
    invitation and no second piece of evidence: the figures are those of the program alone."""
    one = [codes[0] for codes in listings[:4]]
    both = [*one, listings[0][1]]
    for invites in (0, 1):
        alone = run_json(cli, tmp_path, season_text(one, invites))
        # the second track of the first (invited or silent) program, silent
        named = run_json(cli, tmp_path, season_text(both, invites))
        assert named["applications"] == alone["applications"] == 4
        for key in ("p_match_prior", "p_match_now"):
            assert named[key] == pytest.approx(alone[key], abs=1e-9)
        assert named["update"]["invites"] == invites
    text = cli(
        "season",
        write(tmp_path, "p.yaml", PROFILE),
        write(tmp_path, "s.yaml", season_text(both, 1)),
    ).stdout.replace("\n", " ")
    assert f"{listings[0][1]} " in text and "(applied; its program invited)" in text


def test_a_listing_takes_its_most_telling_status():
    """An invitation to one track answers for its listing, a rejection outweighs silence,
    and a withdrawn track does not hide a live one."""
    from smartpick.season import Observed
    from smartpick.season.update import observed_by_listing

    listing = np.array([0, 0, 1, 1, 2, 2])
    observed = [
        Observed("applied", 0.5, 1.0),
        Observed("invited", 1.0, 1.0),
        Observed("applied", 0.5, 1.0),
        Observed("rejected", 1.0, 1.0),
        Observed("withdrawn", 1.0, 1.0),
        Observed("waitlisted", 0.5, 1.0),
    ]
    assert [o.status for o in observed_by_listing(listing, observed)] == [
        "invited",
        "rejected",
        "waitlisted",
    ]


def test_rank_order_follows_preferences_and_couples_get_notes(cli, tmp_path, codes):
    text = season_text(codes[:3], 3, partner="{specialty: pediatrics}")
    text = text.replace("status: invited,", "status: invited, preference: PREF,")
    for pref in (3, 1, 2):
        text = text.replace("PREF", str(pref), 1)
    data = run_json(cli, tmp_path, text)
    advice = data["rank_advice"]
    assert advice["order_from"] == "preference"
    assert [p["code"] for p in advice["order"]] == [codes[1], codes[2], codes[0]]
    assert any("Couples Match" in line for line in advice["couples"])
    assert "contiguous ranks" in advice["published_ranks"]


def test_the_timing_curve_reads_as_documented():
    import datetime as dt

    from smartpick.season.timing import timing

    t = timing()
    release = dt.date(2026, 9, 24)
    assert t.release(dt.date(2026, 12, 1)) == release == t.release(dt.date(2027, 2, 1))
    assert t.release(dt.date(2026, 8, 1)) == release  # written before the release: this cycle
    assert t.seen_share(release, dt.date(2026, 8, 1)) == 0.0
    assert t.seen_share(release, release + dt.timedelta(days=68)) == pytest.approx(0.80)
    late = release + dt.timedelta(days=68)
    assert t.open_share(late, late) == pytest.approx(0.20)
    assert t.seen_share(late, late) == 0.0
    assert t.seen_share(release, release + dt.timedelta(days=200)) == 1.0
    assert t.open_share(release, late, shift=14) == 1.0
    assert t.seen_share(release, late, shift=14) < 0.80 < t.seen_share(release, late, shift=-14)


def test_the_season_examples_move_the_right_way(cli):
    """examples/season (docs/season.md): 40 applications, 0, 2 and 6 invitations."""
    from conftest import EXAMPLES

    folder = EXAMPLES / "season"
    results = {}
    for name in ("no-invites", "two-invites", "six-invites"):
        result = cli("season", folder / "profile.yaml", folder / f"{name}.yaml", "--json")
        assert result.exit_code == 0, result.stdout
        results[name] = json.loads(result.stdout)
    none, two, six = results["no-invites"], results["two-invites"], results["six-invites"]
    assert none["applications"] == two["applications"] == six["applications"] == 40
    assert none["p_match_now"] < none["p_match_prior"]
    assert none["p_match_now"] < two["p_match_now"] < six["p_match_now"]
    for data in results.values():
        low, high = data["p_match_now_timing_range"]
        assert low <= data["p_match_now"] <= high


def test_after_match_day_the_figures_are_said_to_be_the_expectation_before_it(cli, tmp_path, codes):
    """Match Day: the third Friday of March (2024-03-15 and 2026-03-20 in the sourced
    calendars); the profile's season is 2027, so 2027-03-19."""
    from smartpick.season.companion import assumed_match_day

    assert (assumed_match_day(2024), assumed_match_day(2026)) == (
        dt.date(2024, 3, 15),
        dt.date(2026, 3, 20),
    )
    after = run_json(cli, tmp_path, season_text(codes, 3, as_of="2027-03-19"))
    before = run_json(cli, tmp_path, season_text(codes, 3, as_of="2027-03-18"))
    assert any("on or after Match Day (2027-03-19" in n for n in after["notes"])
    assert not any("Match Day (" in n for n in before["notes"])


def test_one_of_each_is_said_in_the_singular(cli, tmp_path, codes):
    text = season_text(codes[:1], 1)
    result = cli("season", write(tmp_path, "p.yaml", PROFILE), write(tmp_path, "s.yaml", text))
    assert result.exit_code == 0, result.stdout
    said = " ".join(result.stdout.split())
    assert "(internal medicine, 1 application): 1 invitation, 0 rejections, 0 silent." in said
    assert "; 1 program live." in said
