"""Incremental builds: plan what is outdated and why, render in parallel, commit atomically."""
