"""The chance model: per program and per value of the shared latent factor z, the
probabilities of passing the filters, of an interview and of a match; P(at least one match).

z (how the market as a whole reads this file) enters every program's invite and rank
decision; it is integrated with Gauss-Hermite quadrature, so P(match) has no Monte Carlo noise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from . import screening as sc
from .inputs import Applicant, ProgramArrays, program_arrays
from .params import Assumptions, FittedParams, load_assumptions, load_fitted
from .quadrature import DEFAULT_NODES, quadrature
from .units import by_listing

RANGE_LEVEL = 0.8
RANGE_NODES = 12
RANGE_DRAWS = 96  # a Latin hypercube: the range's ends move by about +-0.02 between seeds
MAX_COUNT = 150
BATCH_CHUNK = 8  # draws evaluated together in p_match_draws (arrays of 8 x n x nodes fit in cache)


@dataclass(frozen=True)
class NodeProbabilities:
    """Per program (rows) and quadrature node of z (columns).

    ``success`` counts categorical (C) and primary-care (M) tracks fully; an advanced (A)
    track counts times the assumed chance of also securing a PGY-1 year
    (``pgy1_secured_with_advanced``); a preliminary (P) track alone is never success (0).
    """

    codes: tuple[str, ...]
    nodes: np.ndarray  # (K,)
    weights: np.ndarray  # (K,), sum 1
    pass_filters: np.ndarray  # (n,)
    interview: np.ndarray  # (n, K) P(interview | z), filters included
    match_if_ranked_first: np.ndarray  # (n, K) P(match at p | interview, ranked first, z)
    success: np.ndarray  # (n, K) P(a successful match at p | z)
    tracks: tuple[str, ...] = ()  # C / M / A / P / R per row
    success_factor: np.ndarray = field(default_factory=lambda: np.zeros(0))
    # (n,) what success is of interview x match: 1 for C/M/R, the assumed PGY-1 chance for A,
    # 0 for P; a planner that pairs A with P rows itself uses interview x match instead.
    listing: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    # (n,) each track's ERAS listing (chances.units): one interview draw per listing

    def by_listing(self) -> NodeProbabilities:
        """One row per listing (program and kind of track), the best of its tracks: one
        interview draw per program, its tracks ranked, a match at the best that takes the
        file. P(match) and the interview count are taken over these rows."""
        if self.listing.size == 0 or int(self.listing.max()) + 1 == self.listing.size:
            return self
        first = np.unique(self.listing, return_index=True)[1]
        return NodeProbabilities(
            codes=tuple(self.codes[i] for i in first),
            nodes=self.nodes,
            weights=self.weights,
            pass_filters=by_listing(self.pass_filters, self.listing),
            interview=by_listing(self.interview, self.listing),
            match_if_ranked_first=by_listing(self.match_if_ranked_first, self.listing),
            success=by_listing(self.success, self.listing),
            tracks=tuple(self.tracks[i] for i in first) if self.tracks else (),
            success_factor=by_listing(self.success_factor, self.listing),
            listing=np.arange(first.size),
        )

    def marginal(self, values: np.ndarray) -> np.ndarray:
        """E_z of a (n, K) array."""
        return values @ self.weights


IMPOSSIBLE_LOGIT = -60.0  # expit(-60) < 1e-26: probability zero, finite for arithmetic


def p_match_at_least_one(success: np.ndarray, weights: np.ndarray) -> float:
    """E_z[1 - prod_p (1 - success_p(z))] over the rows given."""
    if success.shape[0] == 0:
        return 0.0
    log_none = np.log1p(-np.clip(success, 0.0, 1.0 - 1e-15)).sum(axis=0)
    return float(np.clip(weights @ (1.0 - np.exp(log_none)), 0.0, 1.0))


def interview_count_distribution(
    interview: np.ndarray, weights: np.ndarray, cap: int = MAX_COUNT
) -> np.ndarray:
    """P(number of interviews = k), k = 0..; the last entry is P(k >= cap) when the list is
    longer than ``cap`` (Poisson-binomial given z, mixed over z). Programs with the same
    probabilities (e.g. all those on the specialty prior) are added as one binomial."""
    rows, counts = np.unique(interview, axis=0, return_counts=True)
    size = min(interview.shape[0], cap) + 1
    dist = np.zeros((interview.shape[1], size))
    dist[:, 0] = 1.0
    single = counts == 1
    for q in rows[single]:  # one program: k stays with 1 - q, moves to k + 1 with q
        moved = dist * q[:, None]
        dist *= 1.0 - q[:, None]
        dist[:, 1:] += moved[:, :-1]
        dist[:, -1] += moved[:, -1]  # the last entry holds P(k >= cap)
    dist = _add_binomials(dist, rows[~single], counts[~single])
    mixed = weights @ dist
    mixed = mixed / mixed.sum()
    last = int(np.searchsorted(np.cumsum(mixed), 1 - 1e-9)) + 1
    return mixed[: max(min(last, size), 1)]


def _add_binomials(dist: np.ndarray, q: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``dist`` (nodes, size; the last entry P(k >= size - 1)) plus, per row of ``q``,
    Binomial(count, q) more interviews: by FFT, in groups of at most ``size`` programs; a
    binomial's spectrum is (1 - q + q w)^count, exactly, so only ``dist`` is transformed."""
    size, start = dist.shape[1], 0
    while start < counts.size:
        stop = start + 1
        while stop < counts.size and counts[start : stop + 1].sum() <= size:
            stop += 1
        n = size + int(counts[start:stop].sum())
        w = np.exp(-2j * np.pi * np.arange(n // 2 + 1) / n)
        spectrum = np.fft.rfft(dist, n, axis=1)
        for qi, c in zip(q[start:stop], counts[start:stop], strict=True):
            spectrum *= (1.0 - qi[:, None] + qi[:, None] * w) ** int(c)
        full = np.clip(np.fft.irfft(spectrum, n, axis=1), 0.0, None)
        dist = full[:, :size]
        dist[:, -1] += full[:, size:].sum(axis=1)  # counts only grow: the rest is k >= cap
        start = stop
    return dist


def count_range(dist: np.ndarray, level: float = RANGE_LEVEL) -> tuple[int, int]:
    """The central ``level`` range of a count with P(count = k) = ``dist[k]``: the smallest
    counts whose cumulative probability reaches the lower and the upper tail."""
    if dist.size == 0:
        return 0, 0
    cdf = np.cumsum(dist) / dist.sum()
    tail = (1 - level) / 2
    low, high = np.searchsorted(cdf, [tail - 1e-12, 1 - tail - 1e-12])
    return int(min(low, dist.size - 1)), int(min(high, dist.size - 1))


def binomial_pmf(n: int, q: np.ndarray) -> np.ndarray:
    """P(K = k), k = 0..n, for K ~ Binomial(n, q) per entry of ``q``: shape (len(q), n + 1).

    Plain numpy (log-factorials), so ``smartpick chances`` does not import scipy.stats.
    """
    q = np.clip(np.asarray(q, dtype=float), 0.0, 1.0)[:, None]
    k = np.arange(n + 1)[None, :]
    log_fact = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1)))])
    log_choose = log_fact[n] - log_fact[k] - log_fact[n - k]
    with np.errstate(divide="ignore", invalid="ignore"):
        hits = np.where(k == 0, 0.0, k * np.log(q))
        misses = np.where(k == n, 0.0, (n - k) * np.log1p(-q))
    return np.exp(log_choose + hits + misses)


class ChanceModel:
    """Screening + chance model with the estimator contract of scikit-learn.

    ``params``: fitted global parameters (default: the shipped data/fitted_params.json).
    ``assumptions``: assumed figures (default: the shipped data/assumptions.yaml).
    """

    def __init__(
        self,
        params: FittedParams | None = None,
        assumptions: Assumptions | None = None,
        n_nodes: int = DEFAULT_NODES,
        random_state: int = 0,
    ) -> None:
        self.params = params
        self.assumptions = assumptions
        self.n_nodes = n_nodes
        self.random_state = random_state

    @property
    def params_(self) -> FittedParams:
        if self.params is None:
            self.params = load_fitted()
        return self.params

    @property
    def assumptions_(self) -> Assumptions:
        if self.assumptions is None:
            self.assumptions = load_assumptions()
        return self.assumptions

    def fit(self, specialties: Sequence[str] | None = None) -> ChanceModel:
        """Fit the global parameters to the Charting Outcomes cohorts (chances.calibration)."""
        from .calibration import fit_params  # the fitting code only when a fit is asked for

        self.params = fit_params(self.assumptions_, specialties=specialties).params
        return self

    def perturbed(self, rng: np.random.Generator) -> ChanceModel:
        """The same model with every assumption drawn from its range."""
        return self.perturbed_at(rng.random(self.assumptions_.dimensions))

    def perturbed_at(self, u: np.ndarray) -> ChanceModel:
        """The same model with every assumption at the quantiles ``u`` of its range."""
        drawn = self.assumptions_.perturbed_at(u)
        return ChanceModel(self.params_, drawn, self.n_nodes, self.random_state)

    def perturbed_batch(self, u: np.ndarray, n_nodes: int | None = None) -> ChanceModel:
        """The model at every row of ``u`` (draws, dimensions) at once: its stages are then
        (draws, n), the same numbers as ``perturbed_at`` row by row."""
        drawn = self.assumptions_.perturbed_batch(u)
        return ChanceModel(self.params_, drawn, n_nodes or self.n_nodes, self.random_state)

    def arrays(
        self, applicant: Applicant, programs: Sequence[Any], signals: Mapping[str, str]
    ) -> ProgramArrays:
        return program_arrays(programs, applicant.applicant_type, signals)

    def stages(
        self,
        applicant: Applicant,
        arr: ProgramArrays,
        rng: np.random.Generator | None = None,
        interview_skill: str | None = None,
        draws: Draws | None = None,
    ) -> sc.Stages:
        """The stage pieces; with ``rng``, unknown program facts are drawn, not averaged;
        with ``draws`` (and a batch of assumptions, ``perturbed_batch``), all draws at once:
        every piece is then (draws, n)."""
        a, fit = self.assumptions_, self.params_
        excl = sc.exclusions(applicant, arr, a)
        if rng is not None:
            excl = {
                k: (sc.filter_uniforms(arr, rng, 1)[0] < v).astype(float) for k, v in excl.items()
            }
        elif draws is not None:
            excl = {
                k: (u < v).astype(float)
                for (k, v), u in zip(excl.items(), draws.filters, strict=True)
            }
        adv = sc.weight_logit("weight_advocacy", a) * sc.advocacy(applicant, arr, a)
        flags = -sc.weight_logit("weight_red_flags", a) * (
            sc.severity(applicant, a) - sc.typical_severity(a)
        )
        hard = sc.hard_exclusion(applicant, arr)
        match_logit = self._match_logit(applicant, arr, interview_skill, draws) + flags + adv
        prior = None if draws is None else draws.prior
        return sc.Stages(
            pass_filters=sc.pass_probability(excl, hard, sc.carry(applicant, arr, a)),
            exclusions=excl,
            invite_logit=self._invite_logit(applicant, arr, rng, prior) + flags + adv,
            # out of reach (H-1B without Step 3, reserved track): no rank can make a match
            match_logit=np.where(hard > 0, IMPOSSIBLE_LOGIT, match_logit),
            success_factor=sc.success_factor(arr, a),
            latent_sd=fit.latent_sd,
        )

    def _invite_logit(
        self,
        app: Applicant,
        arr: ProgramArrays,
        rng: np.random.Generator | None,
        prior: np.ndarray | None = None,
    ) -> np.ndarray:
        a, fit = self.assumptions_, self.params_
        score = sc.per_specialty(arr, lambda s: sc.step2_value(app, s))
        usce = sc.usce_component(
            app.hands_on_months, app.observership_months, app.strong_us_letters, a
        )
        return (
            sc.logit(sc.base_rate(arr, a, rng, prior))
            + sc.signal_logor(arr, a)
            + sc.score_effect(score, arr, fit)
            + sc.weight_logit("weight_usce_letters", a) * (usce - sc.typical_usce(a))
            + sc.step3_logor(app, a)
        )

    def _match_logit(
        self, app: Applicant, arr: ProgramArrays, skill: str | None, draws: Draws | None = None
    ) -> np.ndarray:
        a, fit = self.assumptions_, self.params_
        intercept = sc.per_specialty(arr, lambda s: sc.match_intercept(s, fit))
        component: float | np.ndarray = (
            sc.interview_component(skill or app.interview_skill, a)
            if draws is None
            else sc.interview_components(draws.skills, a)
        )
        return intercept + sc.weight_logit("weight_interview", a) * (component - 0.5)

    def from_stages(self, arr: ProgramArrays, st: sc.Stages) -> NodeProbabilities:
        nodes, weights = quadrature(self.n_nodes)
        shift = st.latent_sd * nodes  # (K,): the rows are (n,) or (draws, n)
        interview = st.pass_filters[..., None] * sc.expit(st.invite_logit[..., None] + shift)
        match = sc.expit(st.match_logit[..., None] + shift)
        return NodeProbabilities(
            codes=arr.codes,
            nodes=nodes,
            weights=weights,
            pass_filters=st.pass_filters,
            interview=interview,
            match_if_ranked_first=match,
            success=interview * match * st.success_factor[..., None],
            tracks=arr.track_names,
            success_factor=st.success_factor,
            listing=arr.listing,
        )

    def node_probabilities(
        self,
        applicant: Applicant,
        programs: Sequence[Any],
        signals: Mapping[str, str] = MappingProxyType({}),
    ) -> NodeProbabilities:
        """Per program and node of z: filters, interview, match if ranked first, success."""
        arr = self.arrays(applicant, programs, signals)
        return self.from_stages(arr, self.stages(applicant, arr))

    def predict_proba(
        self,
        applicant: Applicant,
        programs: Sequence[Any],
        signals: Mapping[str, str] = MappingProxyType({}),
    ) -> np.ndarray:
        """P(successful match at each program), marginalised over z (n,)."""
        probs = self.node_probabilities(applicant, programs, signals)
        return probs.marginal(probs.success)

    def p_match(
        self,
        applicant: Applicant,
        programs: Sequence[Any],
        signals: Mapping[str, str] = MappingProxyType({}),
    ) -> float:
        probs = self.node_probabilities(applicant, programs, signals).by_listing()
        return p_match_at_least_one(probs.success, probs.weights)


SKILLS = ("weak", "average", "strong")


@dataclass(frozen=True)
class Draws:
    """What ``p_match_draws`` draws beforehand, in the generator's order, per draw: the
    uniforms of the five filters ``filters`` (5, draws, n), each program's prior rate
    ``prior`` (draws, n) and the interview skill ``skills`` (draws, 1)."""

    filters: np.ndarray
    prior: np.ndarray
    skills: np.ndarray


def latin_hypercube(rng: np.random.Generator, n: int, dims: int) -> np.ndarray:
    """``n`` points in [0, 1)^dims, each coordinate's ``n`` equal strata hit once (a Latin
    hypercube, McKay, Beckman & Conover 1979): the ends of the range vary less between seeds
    than with independent uniforms. Plain numpy: ``scipy.stats.qmc`` would add 0.8 s of
    import to the command."""
    strata = rng.permuted(np.tile(np.arange(n), (dims, 1)), axis=1).T
    return (strata + rng.random((n, dims))) / n


def stratified_skills(rng: np.random.Generator, n: int) -> np.ndarray:
    """An unknown interview skill over ``n`` draws: weak, average and strong equally often
    (to one draw), in random order."""
    return np.asarray(SKILLS, dtype=object)[rng.permutation(n) % len(SKILLS)]


def _draw(
    model: ChanceModel, applicant: Applicant, arr: ProgramArrays, rng: np.random.Generator, n: int
) -> tuple[np.ndarray, Draws]:
    """The random numbers of ``n`` draws: the assumptions' design and the interview skills
    first (stratified), then per draw the program facts in the order ``ChanceModel.stages``
    takes them."""
    u = latin_hypercube(rng, n, model.assumptions_.dimensions)
    skills = np.full((n, 1), applicant.interview_skill, dtype=object)
    if applicant.interview_skill == "unknown":
        skills[:, 0] = stratified_skills(rng, n)
    filters = np.empty((len(sc.FILTERS), n, arr.n))
    prior = np.empty((n, arr.n))
    shape = sc.beta_shape(arr.prior_mean, arr.prior_sd)
    for i in range(n):
        # ChanceModel.stages: one uniform per filter and listing (consecutive in the stream)
        filters[:, i] = sc.filter_uniforms(arr, rng, len(sc.FILTERS))
        prior[i] = sc.prior_draw(arr, rng, shape)
    return u, Draws(filters, prior, skills)


def p_match_draws(
    model: ChanceModel,
    applicant: Applicant,
    programs: Sequence[Any] | ProgramArrays,
    signals: Mapping[str, str] = MappingProxyType({}),
    n_draws: int = RANGE_DRAWS,
    seed: int | None = None,
) -> np.ndarray:
    """P(match) under draws of the assumptions, the unknown program facts and, if unknown,
    the interview skill: all draws in one pass (``Assumptions.perturbed_batch``)."""
    rng = np.random.default_rng(model.random_state if seed is None else seed)
    arr = (
        programs
        if isinstance(programs, ProgramArrays)
        else model.arrays(applicant, programs, signals)
    )
    u, draws = _draw(model, applicant, arr, rng, n_draws)
    batch = ChanceModel(model.params_, model.assumptions_.perturbed_batch(u), RANGE_NODES)
    return _p_match_batch(batch.stages(applicant, arr, draws=draws), arr.listing, RANGE_NODES)


def _p_match_batch(st: sc.Stages, listing: np.ndarray, n_nodes: int) -> np.ndarray:
    """P(match) of each draw of a batch of stages ((draws, n) pieces): ``from_stages`` and
    ``p_match_at_least_one`` a few draws at a time (in cache), with success written as
    passed x factor / ((1 + e^-invite e^-shift) (1 + e^-match e^-shift)): the same numbers
    to rounding, one exponential per program instead of one per program and node."""
    nodes, weights = quadrature(n_nodes)
    shift = np.exp(-st.latent_sd * nodes)
    pieces = (
        st.pass_filters * st.success_factor,
        np.exp(-st.invite_logit),
        np.exp(-st.match_logit),
    )
    shape = np.broadcast_shapes(*(np.shape(x) for x in pieces))
    rows = [np.broadcast_to(x, shape) for x in pieces]
    out = np.empty(shape[0])
    for lo in range(0, shape[0], BATCH_CHUNK):
        gain, invite, match = (x[lo : lo + BATCH_CHUNK, :, None] for x in rows)
        odds = invite * shift
        odds += 1.0
        other = match * shift
        other += 1.0
        odds *= other
        success = np.divide(gain, odds, out=odds)
        success = by_listing(success, listing, axis=1)
        np.clip(success, 0.0, 1.0 - 1e-15, out=success)
        log_none = np.log1p(np.negative(success, out=success), out=success).sum(axis=1)
        out[lo : lo + BATCH_CHUNK] = np.clip((1.0 - np.exp(log_none)) @ weights, 0.0, 1.0)
    return out


def p_match_range(
    model: ChanceModel,
    applicant: Applicant,
    programs: Sequence[Any] | ProgramArrays,
    signals: Mapping[str, str] = MappingProxyType({}),
    n_draws: int = RANGE_DRAWS,
    level: float = RANGE_LEVEL,
    seed: int | None = None,
) -> tuple[float, float]:
    """The central ``level`` range (default 80%) of P(match) over what the model does not know."""
    draws = p_match_draws(model, applicant, programs, signals, n_draws, seed)
    tail = (1 - level) / 2
    low, high = np.quantile(draws, [tail, 1 - tail])
    return float(low), float(high)
