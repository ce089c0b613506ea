"""How each option of a measure is described on its form, from the form's views, worded
by the macros every output shares (templates/shared/money.j2)."""

from __future__ import annotations

from generators.forms.phrases import Both
from generators.forms.spec import OptionText
from generators.forms.wording import Wording
from generators.views import FormView, IncentiveView


def option_texts(form: FormView, wording: Wording) -> dict[str, OptionText]:
    texts: dict[str, OptionText] = {}
    for option in form.rules.options:
        zh = form.zh.incentives[option.incentive]
        en = form.en.incentives[option.incentive]
        texts[option.key] = OptionText(
            who=_who(zh, en),
            amount=Both(
                *(
                    _money(view, option.tier, lang, wording)
                    for view, lang in ((zh, "zh"), (en, "en"))
                )
            ),
        )
    return texts


def _who(zh: IncentiveView, en: IncentiveView) -> Both | None:
    if zh.target is None:
        return None
    if en.target is None or en.target.pending:
        return Both(zh.target.value, None)
    return Both(zh.target.value, en.target.value)


def _money(view: IncentiveView, tier: int | None, lang: str, wording: Wording) -> str:
    """The tier (1亿元 → 固定200万元), else the amount with its qualifier, else the rate."""
    if tier is not None:
        return wording.money("tier", view, view.tiers[tier], lang)
    return wording.money("amount", view, lang) or wording.money("rate", view, lang) or "—"
