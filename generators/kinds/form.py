"""Fillable bilingual application form (DOCX), one per money-bearing measure."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from generators.kinds.contract import OutputFiles, OutputKind, Planned
from generators.model import Corpus
from generators.project import LANGS
from generators.views import FormView, form_view
from generators.views.measure import form_path


class Form(OutputKind[FormView]):
    name = "form"
    templates = ("shared/money.j2", "summaries/parts.j2")
    """Incentives and where to apply worded as every output words them; the rest of the
    form's wording is declared in generators/forms/ with N_() and found through the
    renderer's imports."""
    weight = 2.0

    def plan(self, corpus: Corpus, outputs: OutputFiles) -> Iterator[Planned[FormView]]:
        for policy in corpus.policies:
            reads = frozenset((policy.id,))
            for clause in policy.clauses:
                if clause.money_bearing:
                    make = partial(form_view, corpus, policy, clause)
                    yield Planned(form_path(policy, clause), make, LANGS, reads)

    def render(self, view: FormView, root: Path) -> bytes:
        from generators.render.form import render  # python-docx: in render processes only

        return render(view, root)


KIND = Form()
