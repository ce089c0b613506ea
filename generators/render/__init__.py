"""Renderers, one module per output kind; each turns a job's view into bytes."""
