"""Sphinx extensions of the course site, loaded by ``conf.py``."""
