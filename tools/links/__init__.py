"""Link validation for the course: ``python -m tools links``.

Extraction (Markdown tokens -> link records) is separate from checking (internal resolver,
async external checker), which is separate from reporting. ``tools.links.api`` is the library
entry point; ``tools.links.command`` is the thin command-line layer.
"""
