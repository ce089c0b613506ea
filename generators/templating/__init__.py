"""Jinja environments, template checks and gettext catalogs."""
