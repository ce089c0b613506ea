"""policydocs: industrial-policy texts to forms, briefs, summaries and a portal."""

from __future__ import annotations

__version__ = "0.1.0"
