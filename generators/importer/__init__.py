"""Raw policy text (search-result page, single policy, HTML) to structured clauses."""
