"""How each option of a measure is described on its form, from the form's views."""

from __future__ import annotations

from generators.forms.phrases import N_, Both, Phrase
from generators.forms.rules import Option
from generators.forms.spec import OptionText
from generators.forms.wording import Wording
from generators.i18n.formatting import format_cny
from generators.views import FormView


def option_texts(form: FormView, wording: Wording) -> dict[str, OptionText]:
    texts: dict[str, OptionText] = {}
    for option in form.rules.options:
        texts[option.key] = OptionText(
            who=Both.of(option.target) if option.target else None,
            amount=_amount(option, wording),
        )
    return texts


def _amount(option: Option, wording: Wording) -> Both:
    if option.amount_cny is None:
        return Both("—", "—")
    amount = Both(format_cny(option.amount_cny, "zh"), format_cny(option.amount_cny, "en"))
    if option.per_unit is not None:
        msgid = (
            N_("up to %(amount)s per %(unit)s")
            if option.amount_is == "maximum"
            else N_("%(amount)s per %(unit)s")
        )
        phrase = Phrase.of(msgid, amount=amount, unit=Both.of(option.per_unit))
    elif option.amount_is == "maximum":
        phrase = Phrase.of(N_("up to %(amount)s"), amount=amount)
    else:
        return amount
    zh, en = wording.both(phrase)
    return Both(zh, None if phrase.pending else en)
