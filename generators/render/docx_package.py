"""Finish a DOCX package: custom properties that identify the form, and reproducible bytes.

python-docx stamps zip entries with the clock; here every entry gets the edition date
and a fixed order, so the same content always gives the same file. Its template's traces
go too: the thumbnail of an empty page and app.xml naming "Microsoft Macintosh Word".
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from xml.sax.saxutils import escape

CUSTOM_PART = "docProps/custom.xml"
CUSTOM_REL_TYPE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)
CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
APP_PART = "docProps/app.xml"
THUMBNAIL_REL_TYPE = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
)
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>policydocs</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
"""Extended properties naming this tool (python-docx's template says Microsoft Word)."""


def custom_properties_xml(properties: dict[str, str]) -> bytes:
    items = "".join(
        f'<property fmtid="{PROPERTY_FMTID}" pid="{pid}" '
        f'name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(properties.items()), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{items}</Properties>"
    ).encode()


def finish_package(data: bytes, properties: dict[str, str], stamp: dt.date) -> bytes:
    """Add the custom properties part and rewrite the zip deterministically."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    parts[CUSTOM_PART] = custom_properties_xml(properties)
    parts[APP_PART] = APP_XML.encode()
    rels = _without_thumbnail(parts)
    if CUSTOM_REL_TYPE not in rels:
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rIdCustomProps" Type="{CUSTOM_REL_TYPE}" '
            f'Target="{CUSTOM_PART}"/></Relationships>',
        )
    parts["_rels/.rels"] = rels.encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    if f'PartName="/{CUSTOM_PART}"' not in types:
        types = types.replace(
            "</Types>",
            f'<Override PartName="/{CUSTOM_PART}" ContentType="{CUSTOM_CONTENT_TYPE}"/></Types>',
        )
        parts["[Content_Types].xml"] = types.encode("utf-8")
    order = ["[Content_Types].xml", "_rels/.rels"]
    names = order + sorted(n for n in parts if n not in order)
    timestamp = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=timestamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, parts[name])
    return out.getvalue()


def _without_thumbnail(parts: dict[str, bytes]) -> str:
    """Drop the template's thumbnail part and its relationship; return the package rels."""
    rels = parts["_rels/.rels"].decode("utf-8")
    pattern = re.compile(rf'<Relationship [^>]*Type="{re.escape(THUMBNAIL_REL_TYPE)}"[^>]*/>')
    for relationship in pattern.findall(rels):
        target = re.search(r'Target="/?([^"]+)"', relationship)
        if target:
            parts.pop(target.group(1), None)
    return pattern.sub("", rels)
