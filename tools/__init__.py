"""Tooling of the AIInfra course: metadata model, outline generation, link validation.

Run as ``python -m tools <command>``; see ``python -m tools --help``.
"""
