"""The application form, declared once: its fields, wording and the measure's rules.

`spec` says what a form holds (typed fields with gettext message ids, in order, and which
measures need which fields); `rules` says what a measure grants, from content; `wording`
turns message ids into Chinese and English. The DOCX renderer, readback and the tests all
read these, so a field cannot mean one thing on paper and another when read back.
"""
