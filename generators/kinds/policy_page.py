"""A policy in full as one bilingual HTML page, working offline, one per policy."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from generators.kinds.contract import OutputFiles, OutputKind, Planned
from generators.model import Corpus
from generators.project import LANGS
from generators.templating.environment import cached_environment
from generators.views.measure import page_path
from generators.views.policy_page import PolicyPageView, policy_page_view


class PolicyPage(OutputKind[PolicyPageView]):
    name = "policy"
    templates = ("policies/policy.html.j2",)
    weight = 0.5

    def plan(self, corpus: Corpus, outputs: OutputFiles) -> Iterator[Planned[PolicyPageView]]:
        for policy in corpus.policies:
            make = partial(policy_page_view, corpus, policy)
            yield Planned(page_path(policy), make, LANGS, frozenset((policy.id,)))

    def render(self, view: PolicyPageView, root: Path) -> bytes:
        env = cached_environment(root, "zh")
        return env.get_template(self.templates[0]).render(view=view).encode("utf-8")


KIND = PolicyPage()
