"""SVG made safe to show and to render into a PDF: an allow-list of drawing elements and
presentation attributes, everything else dropped with what it holds.

Dropped: scripts, event handlers (every `on…` attribute), `<style>`, `<foreignObject>`,
`<image>`, links, animation, elements of other namespaces (editors' metadata), and every
reference that leaves the document: `href` only as `#id`, `url(…)` only as `url(#id)`. A
document type (and with it every entity, the "billion laughs" among them) is refused before
parsing, and Python's parser never loads external entities."""

import re
import xml.etree.ElementTree as ET

from django.utils.translation import gettext as _

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_BYTES = 2 * 1024 * 1024

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "symbol", "use",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern",
    }
)  # fmt: skip
ATTRIBUTES = frozenset(
    {
        "id", "class", "version", "viewBox", "preserveAspectRatio", "width", "height",
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy",
        "d", "points", "pathLength", "transform", "offset", "dx", "dy", "rotate",
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
        "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
        "stroke-opacity", "opacity", "color", "display", "visibility",
        "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits", "maskContentUnits",
        "gradientUnits", "gradientTransform", "spreadMethod", "stop-color", "stop-opacity",
        "patternUnits", "patternContentUnits", "patternTransform",
        "font-family", "font-size", "font-weight", "font-style", "font-variant",
        "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift",
        "letter-spacing", "word-spacing", "text-decoration", "writing-mode", "style",
    }
)  # fmt: skip
HREF_ELEMENTS = frozenset({"use", "linearGradient", "radialGradient", "pattern", "textPath"})
LOCAL_REF = re.compile(r"#[A-Za-z_][\w.\-:]*")
URL_CALL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
# In a style attribute: property: value pairs, no at-rules, escapes, comments or imports.
STYLE_UNSAFE = re.compile(r"[\\@<>{}]|/\*|expression|javascript|import", re.IGNORECASE)


class UnsafeSvg(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _local(name: str) -> tuple[str, str]:
    """'{ns}tag' -> (ns, tag)."""
    if name.startswith("{"):
        ns, _, tag = name[1:].partition("}")
        return ns, tag
    return "", name


def _safe_value(value: str) -> bool:
    """A value may refer only to the document itself (url(#id)), and has no CSS escapes."""
    if "\\" in value:
        return False
    rest = URL_CALL.sub(lambda m: "" if LOCAL_REF.fullmatch(m.group(2).strip()) else "url(", value)
    return "url(" not in re.sub(r"\s", "", rest).lower()


def _clean_attributes(element: ET.Element, tag: str) -> None:
    for name in list(element.attrib):
        value = element.attrib[name]
        ns, attr = _local(name)
        keep = False
        if ns == XLINK_NS or (ns == "" and attr == "href"):
            keep = tag in HREF_ELEMENTS and bool(LOCAL_REF.fullmatch(value.strip()))
        elif ns == XML_NS:
            keep = attr == "space"
        elif ns == "" and attr in ATTRIBUTES:
            keep = _safe_value(value) and not (attr == "style" and STYLE_UNSAFE.search(value))
        if not keep:
            del element.attrib[name]


def _clean(element: ET.Element) -> None:
    for child in list(element):
        ns, tag = _local(child.tag) if isinstance(child.tag, str) else ("", "")
        if ns != SVG_NS or tag not in ELEMENTS:
            element.remove(child)
            continue
        _clean_attributes(child, tag)
        _clean(child)


def sanitise(data: bytes) -> bytes:
    """The SVG with only the allowed elements and attributes; UnsafeSvg (with a Swedish
    reason) when it is no SVG, too large, or declares a document type."""
    if len(data) > MAX_BYTES:
        raise UnsafeSvg(_("filen är större än 2 MB."))
    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        raise UnsafeSvg(_("den får inte ha någon DOCTYPE eller ENTITY."))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise UnsafeSvg(_("den är inte giltig XML.")) from error
    if _local(root.tag) != (SVG_NS, "svg"):
        raise UnsafeSvg(_("den är ingen SVG-bild."))
    _clean_attributes(root, "svg")
    _clean(root)
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
