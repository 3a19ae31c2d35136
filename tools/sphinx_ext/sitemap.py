"""``sitemap.xml`` for search engines: every page of the site, in a stable order.

sphinx-sitemap lists the pages the current build wrote, so after an incremental build its sitemap
holds only the pages that changed (its issue #13, open since 2018), and with ``-j`` the pages
appear in the order the workers finished. Here the list is the environment's documents, sorted,
whatever this build wrote; addresses are ``html_baseurl`` plus the page's address as Sphinx links
it (percent-encoded).
Generated pages (search, index, 404) are not documents, so they are not listed.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(base_url: str, paths: list[str]) -> bytes:
    """The sitemap of the pages at ``paths`` (URL paths relative to ``base_url``), in sorted order."""
    root = ElementTree.Element("urlset", xmlns=NAMESPACE)
    for path in sorted(set(paths)):
        url = ElementTree.SubElement(root, "url")
        ElementTree.SubElement(url, "loc").text = base_url + path
    ElementTree.indent(root, space="")
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _write(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    base_url = app.config.html_baseurl
    if not base_url:
        logger.warning("sitemap: set html_baseurl in conf.py; sitemap.xml not written", type="sitemap")
        return
    base_url = base_url.rstrip("/") + "/"
    data = sitemap_xml(base_url, [app.builder.get_target_uri(doc) for doc in app.env.found_docs])
    target = app.outdir / "sitemap.xml"
    if not target.is_file() or target.read_bytes() != data:
        target.write_bytes(data)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", _write)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
