"""`nox -s bench`: build timings on the seed corpus and a synthetic 309-policy corpus."""
