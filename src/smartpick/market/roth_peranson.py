"""Roth–Peranson: deferred acceptance with couples and supplemental PGY-1 lists.

Starts from the singles' deferred-acceptance result, then adds couples one at
a time (Roth & Peranson 1999). Each agent on the stack proposes down its list
from a pointer:

- a single proposes program by program; a couple proposes pairs, accepted
  only when both programs take their member at once; a supplemental list
  (an applicant's PGY-1 "phantom") proposes only while the applicant holds
  a linked advanced program;
- when a couple member is displaced, the couple withdraws its other member,
  and when any holder leaves a program (a withdrawal, a couple or single
  moving up), that program may now take someone it once turned away:
  instability chaining puts back on the stack every agent whose list ranks
  that program above its current place, pointer reset to it.

When the stack is empty no agent prefers a program that would take it, so the
result is stable. The procedure can cycle (an instance may have no stable
matching): the state (the matching, as an incremental hash, and the agent
with its pointer) is recorded at each couple or phantom turn; seeing one
three times, or exceeding a generous step budget, raises NoStableMatchingError.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import NoStableMatchingError
from .instance import Instance, RankLists

Couple = tuple[int, int, Sequence[tuple[int, int]]]
Supplemental = Sequence[int] | Mapping[int, Sequence[int]]
_Plan = dict[int, list[int]]  # program -> the holders it drops to take a couple's member(s)

SINGLE, PHANTOM, COUPLE = 0, 1, 2
REJECTED, ADMITTED = -2, -1
ANY = -1  # key of a supplemental list linked to every program on the applicant's list
REPEATS_ALLOWED = 2


@dataclass
class _CoupleState:
    first: int
    second: int
    pairs: list[tuple[int, int]]
    first_with: dict[tuple[int, int], int]  # (slot, program) -> first pair index
    pos: int
    ptr: int = 0
    entered: bool = False  # couples enter the match one at a time


class RothPeranson:
    """One run of the procedure; call ``run()`` once."""

    def __init__(
        self,
        instance: Instance,
        program_prefs: RankLists,
        held: list[list[int]],
        couples: Sequence[Couple],
        supplemental: Mapping[int, Supplemental],
    ) -> None:
        self.inst = instance
        self.n = n = instance.n_applicants
        self.program_prefs = program_prefs
        self._rank_maps: dict[int, dict[int, int]] = {}
        self.held: list[list[tuple[int, int]]] = [[(-e // n, -e % n) for e in h] for h in held]
        self.match = [-1] * n
        for p, entries in enumerate(self.held):
            for _, a in entries:
                self.match[a] = p
        self.pos, self.ptr = self._positions()
        self.couple_of = [-1] * n
        self.couples = [
            self._couple_state(c, i, k, prefs) for c, (i, k, prefs) in enumerate(couples)
        ]
        self.links = {a: self._links(a, s) for a, s in supplemental.items()}
        self.pgy1 = [-1] * n
        self.spos: dict[int, int] = {}
        self.sptr: dict[int, int] = {}
        self.stack: list[tuple[int, int]] = []
        self.queued: set[tuple[int, int]] = set()
        self.state_hash = 0
        self.seen: dict[tuple[int, int, int, int], int] = {}
        total = len(instance.programs) + sum(len(c.pairs) for c in self.couples)
        self.steps_left = 50 * (
            total + sum(len(v) for s in self.links.values() for v in s.values())
        )
        self.steps_left += 100_000

    # ----- setup -------------------------------------------------------------
    def _positions(self) -> tuple[list[int], list[int]]:
        starts, ends, programs = self.inst.starts, self.inst.ends, self.inst.programs
        pos, ptr = list(ends), list(ends)
        for a, p in enumerate(self.match):
            if p >= 0:
                pos[a] = programs.index(p, starts[a], ends[a])
                ptr[a] = pos[a] + 1
        return pos, ptr

    def _ranks(self, p: int) -> dict[int, int]:
        ranks = self._rank_maps.get(p)
        if ranks is None:
            ranks = {a: r for r, a in enumerate(self.program_prefs[p])}
            self._rank_maps[p] = ranks
        return ranks

    def _acceptable(self, p: int, a: int) -> bool:
        return p == -1 or a in self._ranks(p)

    def _couple_state(
        self, c: int, i: int, k: int, prefs: Sequence[tuple[int, int]]
    ) -> _CoupleState:
        if i == k or self.couple_of[i] >= 0 or self.couple_of[k] >= 0:
            raise ValueError("an applicant is in two couples, or a couple with itself")
        self.couple_of[i] = self.couple_of[k] = c
        pairs: list[tuple[int, int]] = []
        for p, q in prefs:
            if (p, q) == (-1, -1):
                pairs.append((p, q))
                break
            if self._acceptable(p, i) and self._acceptable(q, k):
                pairs.append((p, q))
        first_with: dict[tuple[int, int], int] = {}
        for j, (p, q) in enumerate(pairs):
            first_with.setdefault((0, p), j)
            first_with.setdefault((1, q), j)
        return _CoupleState(i, k, pairs, first_with, pos=len(pairs))

    def _links(self, a: int, lists: Supplemental) -> dict[int, list[int]]:
        if self.couple_of[a] >= 0:
            raise ValueError("supplemental lists for couple members are not supported")
        raw = lists if isinstance(lists, Mapping) else {ANY: lists}
        return {
            adv: [p for p in pgy1 if p != adv and self._acceptable(p, a)]
            for adv, pgy1 in raw.items()
        }

    # ----- bookkeeping -------------------------------------------------------
    def _push(self, kind: int, agent: int) -> None:
        if (kind, agent) not in self.queued:
            self.queued.add((kind, agent))
            self.stack.append((kind, agent))

    def _add(self, p: int, rank: int, agent: int) -> None:
        self.held[p].append((rank, agent))
        self.state_hash ^= hash((agent, p))

    def _remove(self, p: int, agent: int) -> None:
        entries = self.held[p]
        for x, (_, holder) in enumerate(entries):
            if holder == agent:
                del entries[x]
                self.state_hash ^= hash((agent, p))
                return

    def _admit(self, p: int, rank: int, agent: int) -> int:
        """Place ``agent`` at ``p`` if it takes it: REJECTED, ADMITTED or the agent displaced."""
        entries = self.held[p]
        if len(entries) < self.inst.capacities[p]:
            self._add(p, rank, agent)
            return ADMITTED
        if not entries:
            return REJECTED
        worst_rank, worst = max(entries)
        if worst_rank <= rank:
            return REJECTED
        self._remove(p, worst)
        self._add(p, rank, agent)
        return worst

    # ----- agents' turns -----------------------------------------------------
    def _run_single(self, a: int) -> None:
        programs, ranks = self.inst.programs, self.inst.ranks
        pos = self.pos[a]
        for j in range(self.ptr[a], pos):
            outcome = self._admit(programs[j], ranks[j], a)
            if outcome == REJECTED:
                continue
            old = self.match[a]
            self.match[a], self.pos[a], self.ptr[a] = programs[j], j, j + 1
            if old >= 0:
                self._remove(old, a)
            self._primary_changed(a)
            self._handle(outcome, old)
            return
        self.ptr[a] = min(pos + 1, self.inst.ends[a])

    def _active_list(self, a: int) -> list[int] | None:
        links, p = self.links.get(a), self.match[a]
        if links is None or p < 0:
            return None
        return links.get(p, links.get(ANY))

    def _primary_changed(self, a: int) -> None:
        if a not in self.links:
            return
        old = self.pgy1[a]
        if old >= 0:
            self._remove(old, self.n + a)
            self.pgy1[a] = -1
        active = self._active_list(a)
        self.spos[a] = len(active) if active else 0
        self.sptr[a] = 0
        if active:
            self._push(PHANTOM, a)
        if old >= 0:
            self._vacancy(old)

    def _run_phantom(self, a: int) -> None:
        active = self._active_list(a)
        if not active:
            return
        pos = self.spos[a]
        for j in range(self.sptr[a], pos):
            p = active[j]
            outcome = self._admit(p, self._ranks(p)[a], self.n + a)
            if outcome == REJECTED:
                continue
            old = self.pgy1[a]
            self.pgy1[a], self.spos[a], self.sptr[a] = p, j, j + 1
            if old >= 0:
                self._remove(old, self.n + a)
            self._handle(outcome, old)
            return
        self.sptr[a] = min(pos + 1, len(active))

    def _handle(self, outcome: int, left: int) -> None:
        if outcome >= 0:
            self._displaced(outcome)
        if left >= 0:
            self._vacancy(left)

    def _joint_admission(self, members: tuple[int, int], targets: tuple[int, int]) -> _Plan | None:
        """For each target program, the agents it drops; None if the pair is refused.

        A program takes its incoming member(s) when they are among its top
        ``capacity`` of its holders plus them; the couple's members count where
        they are now (the blocking definition of Klaus & Klijn 2005).
        """
        p, q = targets
        if p == q:
            return self._same_program(members, p)
        plan: _Plan = {}
        for member, program in ((members[0], p), (members[1], q)):
            if program == -1 or self.match[member] == program:
                continue
            entries = self.held[program]
            if len(entries) < self.inst.capacities[program]:
                plan[program] = []
                continue
            if not entries:
                return None
            worst_rank, worst = max(entries)
            if worst_rank <= self._ranks(program)[member]:
                return None
            plan[program] = [] if worst in members else [worst]  # a leaving partner frees its seat
        return plan

    def _same_program(self, members: tuple[int, int], p: int) -> _Plan | None:
        if p == -1:
            return {}
        ranks = self._ranks(p)
        incoming = [(ranks[m], m) for m in members]
        ranked = sorted(set(self.held[p]).union(incoming))
        cap = self.inst.capacities[p]
        if any(e not in ranked[:cap] for e in incoming):
            return None
        return {p: [holder for _, holder in ranked[cap:] if holder not in members]}

    def _run_couple(self, c: int) -> None:
        state = self.couples[c]
        members = (state.first, state.second)
        for j in range(state.ptr, state.pos):
            plan = self._joint_admission(members, state.pairs[j])
            if plan is not None:
                self._commit_couple(state, j, plan)
                return
        state.ptr = min(state.pos + 1, len(state.pairs))

    def _commit_couple(self, state: _CoupleState, j: int, plan: _Plan) -> None:
        members, targets = (state.first, state.second), state.pairs[j]
        left = []
        for m, new in zip(members, targets, strict=True):
            old = self.match[m]
            if old >= 0 and old != new:
                self._remove(old, m)
                left.append(old)
        dropped: list[int] = []
        for p, out in plan.items():
            for holder in out:
                self._remove(p, holder)
            dropped.extend(out)
        for m, new in zip(members, targets, strict=True):
            if new >= 0 and self.match[m] != new:
                self._add(new, self._ranks(new)[m], m)
            self.match[m] = new
        state.pos, state.ptr = j, j + 1
        for holder in dropped:
            self._displaced(holder)
        for p in left:
            self._vacancy(p)

    # ----- displacement and instability chaining -----------------------------
    def _displaced(self, agent: int) -> None:
        if agent >= self.n:
            a = agent - self.n
            self.pgy1[a] = -1
            active = self._active_list(a)
            self.spos[a] = len(active) if active else 0  # its whole list again, as a single's
            self._push(PHANTOM, a)
            return
        c = self.couple_of[agent]
        if c >= 0:
            self._break_couple(c, agent)
            return
        self.match[agent] = -1
        self.pos[agent] = self.inst.ends[agent]
        self._primary_changed(agent)
        self._push(SINGLE, agent)

    def _break_couple(self, c: int, displaced: int) -> None:
        state = self.couples[c]
        partner = state.second if displaced == state.first else state.first
        self.match[displaced] = -1
        withdrawn = self.match[partner]
        if withdrawn >= 0:
            self._remove(withdrawn, partner)
            self.match[partner] = -1
        state.ptr = min(state.ptr, state.pos + 1)
        state.pos = len(state.pairs)
        self._push(COUPLE, c)
        if withdrawn >= 0:
            self._vacancy(withdrawn)

    def _vacancy(self, p: int) -> None:
        """Chaining: re-activate every agent that ranks ``p`` above where it is now.

        Pushed worst first, so that ``p``'s best candidate moves first and the
        others, turned away again, keep their places (no needless churn).
        """
        entries, prefs = self.held[p], self.program_prefs[p]
        full = len(entries) >= self.inst.capacities[p]
        reachable = (max(entries)[0] if entries else 0) if full else len(prefs)
        for r in range(len(prefs) - 1, -1, -1):
            a = prefs[r]
            c = self.couple_of[a]
            if c >= 0:
                self._rewind_couple(c, a, p)
            elif r < reachable:
                self._rewind_single(a, p)
                if a in self.links:
                    self._rewind_phantom(a, p)

    def _rewind_single(self, a: int, p: int) -> None:
        if self.match[a] == p:
            if any(holder == a for _, holder in self.held[p]):
                return
            # Just removed from p, its displacement not yet handled (a couple's commit drops
            # several holders, then chains): when it is, it starts again from p.
            self.ptr[a] = min(self.ptr[a], self.pos[a])
            return
        try:
            j = self.inst.programs.index(p, self.inst.starts[a], self.pos[a])
        except ValueError:
            return
        self.ptr[a] = min(self.ptr[a], j)
        self._push(SINGLE, a)

    def _rewind_phantom(self, a: int, p: int) -> None:
        active = self._active_list(a)
        if not active or self.pgy1[a] == p:
            return
        for j in range(self.spos[a]):
            if active[j] == p:
                self.sptr[a] = min(self.sptr[a], j)
                self._push(PHANTOM, a)
                return

    def _rewind_couple(self, c: int, a: int, p: int) -> None:
        state = self.couples[c]
        if not state.entered:
            return
        j = state.first_with.get((0 if a == state.first else 1, p))
        if j is not None and j < state.pos:
            state.ptr = min(state.ptr, j)
            self._push(COUPLE, c)

    # ----- the procedure -----------------------------------------------------
    def _check_cycle(self, kind: int, agent: int) -> None:
        self.steps_left -= 1
        if self.steps_left < 0:
            raise NoStableMatchingError(
                "the match with couples did not settle within its step budget"
            )
        if kind == SINGLE:
            return
        ptr = self.couples[agent].ptr if kind == COUPLE else self.sptr[agent]
        key = (kind, agent, ptr, self.state_hash)
        seen = self.seen.get(key, 0) + 1
        self.seen[key] = seen
        if seen > REPEATS_ALLOWED:
            raise NoStableMatchingError(
                "the match with couples cycled: no stable matching was found",
                hint="couples' rank lists create a cycle; the NRMP resolves such cases by hand",
            )

    def _drain(self) -> None:
        while self.stack:
            kind, agent = self.stack.pop()
            self.queued.discard((kind, agent))
            self._check_cycle(kind, agent)
            if kind == SINGLE:
                self._run_single(agent)
            elif kind == PHANTOM:
                self._run_phantom(agent)
            else:
                self._run_couple(agent)

    def run(self) -> tuple[list[int], list[int]]:
        """Return the program and the PGY-1 program of each applicant (-1 = none)."""
        for a in self.links:
            self._primary_changed(a)
        self._drain()
        for c, state in enumerate(self.couples):
            state.entered = True
            self._push(COUPLE, c)
            self._drain()
        return self.match, self.pgy1
