"""The program as the unit of application, interview and signal (issue 15, item 1)."""

from __future__ import annotations

from collections import Counter
from types import MappingProxyType

import numpy as np
import pytest

from conftest import EXAMPLES
from smartpick.catalog import open_catalog
from smartpick.chances import Applicant, ChanceModel, ProgramFacts, listing_key
from smartpick.planning.build import candidates_for, chances_for
from smartpick.profile import load_profile

IM = "internal-medicine"
RATE = MappingProxyType({"rate_non_us_img": 0.08})
MODEL = ChanceModel()
APP = Applicant(step2ck=240.0)


def _track(code: str, track: str = "C") -> ProgramFacts:
    return ProgramFacts(code, IM, track=track, rates=RATE)


def test_tracks_of_one_program_are_one_interview_and_one_chance():
    one = [_track("0001140C0")]
    three = [_track("0001140C0"), _track("0001140C1"), _track("0001140M0")]
    assert MODEL.p_match(APP, three) == pytest.approx(MODEL.p_match(APP, one), abs=1e-12)
    probs = MODEL.node_probabilities(APP, three).by_listing()
    assert probs.interview.shape[0] == 1
    # two different programs are two chances
    two = [_track("0001140C0"), _track("0002140C0")]
    assert MODEL.p_match(APP, two) > MODEL.p_match(APP, one) + 1e-4


def test_preliminary_and_categorical_are_separate_listings():
    assert listing_key("0001140C0", "C") == listing_key("0001140M1", "M")
    assert listing_key("0001140C0", "C") != listing_key("0001140P0", "P")
    assert listing_key("0001140C0", "C") != listing_key("0002140C0", "C")


def test_an_advocate_speaks_for_every_track_of_their_program():
    tracks = [_track("0001140C0"), _track("0001140M0"), _track("0002140C0")]
    with_advocate = Applicant(step2ck=240.0, advocates=MappingProxyType({"0001140C0": "strong"}))
    base = MODEL.predict_proba(APP, tracks)
    helped = MODEL.predict_proba(with_advocate, tracks)
    assert helped[0] > base[0] and helped[1] > base[1]  # the M track of the same program too
    assert helped[2] == pytest.approx(base[2])


@pytest.fixture(scope="module")
def im_candidates():
    profile = load_profile(EXAMPLES / "us-img-im-reapplicant.yaml")
    return candidates_for(profile, open_catalog(), [IM])


def test_plan_candidates_are_listings(im_candidates):
    keys = Counter(listing_key(p.code, p.track) for p in im_candidates.programs)
    assert keys.most_common(1)[0][1] == 1  # no listing twice
    n_tracks = sum(len(t) for t in im_candidates.tracks)
    assert n_tracks > im_candidates.n  # IM has programs with several tracks
    for head, tracks in zip(im_candidates.programs, im_candidates.tracks, strict=True):
        keys = {listing_key(t.code, t.track) for t in tracks}
        assert keys == {listing_key(head.code, head.track)}


def test_a_listing_counts_its_best_track_once(im_candidates):
    cands = im_candidates
    multi = [i for i in range(cands.n) if len(cands.tracks_of(i)) > 1][:20]
    ch = chances_for(MODEL, cands, rows=np.array(multi))
    for i in multi:
        applicant = cands.applicants[IM]
        per_track = MODEL.node_probabilities(applicant, list(cands.tracks_of(i)))
        assert np.allclose(ch.success[i], per_track.success.max(axis=0))
        assert np.allclose(ch.interview[i], per_track.interview.max(axis=0))
