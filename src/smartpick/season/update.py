"""The Bayesian update: what the invitations, rejections and silence so far say about the
shared file factor z, and P(match) now.

Per program i and node z_k of the chance model (``NodeProbabilities``):
q_i(z) = P(invite | z) x the share of invitations still open when the application was sent,
s_i(z) = P(match if ranked first | z) x what a match there counts as (success factor).
By ``as_of`` a share ``seen_i`` of the invitations the application can get has been sent
(the assumed timing curve). The likelihood of what happened, per node:

    invited / interviewed      q_i(z)
    rejected                   1 - q_i(z)
    applied / waitlisted       1 - q_i(z) seen_i            (silence so far)
    withdrawn                  1                            (says nothing about z)

The posterior weights are the prior's times the product of these, normalised. Then P(match)
now is E_post[1 - prod_i (1 - c_i(z))] with c_i = s_i for an invitation, q_i (1 - seen_i) /
(1 - q_i seen_i) x s_i for a live silent application (the chance of a later invitation given
the silence so far) and 0 for a rejection or a withdrawal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..chances import NodeProbabilities, interview_count_distribution, p_match_at_least_one

RANGE_LEVEL = 0.8
SILENT = ("applied", "waitlisted")
# what a status says of the committee's one answer to a listing, most telling first
TELLING = ("interviewed", "invited", "rejected", "waitlisted", "applied", "withdrawn")


@dataclass(frozen=True)
class Observed:
    """What is known of one application: its status and the timing shares."""

    status: str
    seen: float  # share of its possible invitations already sent by as_of
    open: float  # share of the program's invitations still to come when it was sent


@dataclass(frozen=True)
class ProgramNow:
    code: str
    status: str
    live: bool  # an interview held or to come, or an invitation still possible
    p_invite_prior: float
    p_invite_later: float  # given the silence so far (0 once answered)
    p_match_if_ranked: float  # P(match if ranked first | interview), posterior over z


@dataclass(frozen=True)
class SeasonUpdate:
    p_match_prior: float
    p_match_now: float
    invites: int
    rejections: int
    silent: int
    expected_further_invites: float
    further_invites_low: int
    further_invites_high: int
    z_prior_mean: float
    z_posterior_mean: float
    z_posterior_sd: float
    programs: tuple[ProgramNow, ...]
    posterior: tuple[float, ...]  # weights over the quadrature nodes


def observed_by_listing(listing: np.ndarray, observed: Sequence[Observed]) -> list[Observed]:
    """One observation per ERAS listing (``chances.units``; listings numbered in order of first
    appearance, as ``NodeProbabilities.by_listing`` orders its rows). A committee answers a
    program's listing once however many of its tracks the file names, so the most telling
    status of those tracks stands for it: an invitation, then a rejection, then silence, then
    a withdrawal."""
    best: dict[int, Observed] = {}
    for k, obs in zip(listing.tolist(), observed, strict=True):
        if k not in best or TELLING.index(obs.status) < TELLING.index(best[k].status):
            best[k] = obs
    return [best[k] for k in range(len(best))]


def likelihood(q: np.ndarray, observed: Sequence[Observed]) -> np.ndarray:
    """(K,) P(what happened | z) at each node."""
    log_l = np.zeros(q.shape[1])
    for i, obs in enumerate(observed):
        if obs.status in ("invited", "interviewed"):
            log_l += np.log(np.clip(q[i], 1e-300, 1.0))
        elif obs.status == "rejected":
            log_l += np.log1p(-np.clip(q[i], 0.0, 1.0 - 1e-12))
        elif obs.status in SILENT:
            log_l += np.log1p(-np.clip(q[i] * obs.seen, 0.0, 1.0 - 1e-12))
    return np.exp(log_l - log_l.max())


def posterior_weights(
    probs: NodeProbabilities, q: np.ndarray, obs: Sequence[Observed]
) -> np.ndarray:
    w = probs.weights * likelihood(q, obs)
    return w / w.sum()


def later_invite(q: np.ndarray, observed: Sequence[Observed]) -> np.ndarray:
    """(n, K) P(an invitation still to come | silence so far, z); 0 once answered."""
    seen = np.array([o.seen for o in observed])[:, None]
    silent = np.array([o.status in SILENT for o in observed])[:, None]
    rest = q * (1.0 - seen) / np.clip(1.0 - q * seen, 1e-12, None)
    return np.where(silent, rest, 0.0)


def chances_now(
    probs: NodeProbabilities, q: np.ndarray, observed: Sequence[Observed]
) -> np.ndarray:
    """(n, K) c_i(z): the chance each application still ends in a match, per node."""
    s = probs.match_if_ranked_first * probs.success_factor[:, None]
    invited = np.array([o.status in ("invited", "interviewed") for o in observed])[:, None]
    return np.where(invited, s, later_invite(q, observed) * s)


def open_invites(probs: NodeProbabilities, observed: Sequence[Observed]) -> np.ndarray:
    """(n, K) q_i(z): P(invite | z) scaled by the share still open when sent."""
    share = np.array([o.open for o in observed])[:, None]
    return probs.interview * share


def update(probs: NodeProbabilities, observed: Sequence[Observed]) -> SeasonUpdate:
    """Prior and posterior P(match), further invitations and live programs."""
    q = open_invites(probs, observed)
    s = probs.match_if_ranked_first * probs.success_factor[:, None]
    post = posterior_weights(probs, q, observed)
    now = chances_now(probs, q, observed)
    later = later_invite(q, observed)
    mean, sd = _moments(probs.nodes, post)
    low, high, expected = _further(later, post)
    statuses = [o.status for o in observed]
    return SeasonUpdate(
        p_match_prior=p_match_at_least_one(q * s, probs.weights),
        p_match_now=p_match_at_least_one(now, post),
        invites=sum(s_ in ("invited", "interviewed") for s_ in statuses),
        rejections=statuses.count("rejected"),
        silent=sum(s_ in SILENT for s_ in statuses),
        expected_further_invites=expected,
        further_invites_low=low,
        further_invites_high=high,
        z_prior_mean=float(probs.nodes @ probs.weights),
        z_posterior_mean=mean,
        z_posterior_sd=sd,
        programs=tuple(_rows(probs, q, s, later, post, observed)),
        posterior=tuple(float(x) for x in post),
    )


def _moments(nodes: np.ndarray, weights: np.ndarray) -> tuple[float, float]:
    mean = float(nodes @ weights)
    return mean, float(np.sqrt(max((nodes - mean) ** 2 @ weights, 0.0)))


def _further(later: np.ndarray, post: np.ndarray) -> tuple[int, int, float]:
    """The 80% range and mean of the number of invitations still to come."""
    expected = float((later @ post).sum())
    if later.shape[0] == 0 or expected == 0.0:
        return 0, 0, expected
    cdf = np.cumsum(interview_count_distribution(later, post))
    tail = (1 - RANGE_LEVEL) / 2
    low = int(np.searchsorted(cdf, tail))
    high = int(np.searchsorted(cdf, 1 - tail))
    return low, high, expected


def _rows(
    probs: NodeProbabilities,
    q: np.ndarray,
    s: np.ndarray,
    later: np.ndarray,
    post: np.ndarray,
    observed: Sequence[Observed],
) -> list[ProgramNow]:
    rows = []
    for i, obs in enumerate(observed):
        p_later = float(later[i] @ post)
        live = obs.status in ("invited", "interviewed") or (obs.status in SILENT and p_later > 0.01)
        rows.append(
            ProgramNow(
                code=probs.codes[i],
                status=obs.status,
                live=live,
                p_invite_prior=round(float(q[i] @ probs.weights), 4),
                p_invite_later=round(p_later, 4),
                p_match_if_ranked=round(float(s[i] @ post), 4),
            )
        )
    return rows
