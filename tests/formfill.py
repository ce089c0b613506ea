"""Filling a form programmatically, as a company would in Word: only the fields change.

Fields are found as readback finds them: by name, or by the name ending their help text.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def fill_form(source: Path, target: Path, values: dict[str, str | bool]) -> None:
    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    for name, value in values.items():
        data = root.xpath(
            f"//w:ffData[w:name/@w:val='{name}' or "
            f"substring(w:helpText/@w:val, string-length(w:helpText/@w:val) - "
            f"{len(name) + 1}) = '[{name}]']",
            namespaces=NS,
        )
        assert data, f"form has no field {name}"
        ff = data[0]
        if ff.find(_w("checkBox")) is not None:
            box = ff.find(_w("checkBox"))
            for old in box.findall(_w("checked")):
                box.remove(old)
            checked = etree.SubElement(box, _w("checked"))
            checked.set(_w("val"), "1" if value else "0")
        elif ff.find(_w("ddList")) is not None:
            listing = ff.find(_w("ddList"))
            entries = [e.get(_w("val")) for e in listing.findall(_w("listEntry"))]
            listing.find(_w("result")).set(_w("val"), str(entries.index(value)))
        else:
            _set_result(ff, str(value))
    parts["word/document.xml"] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    target.write_bytes(buffer.getvalue())


def _set_result(ff: etree._Element, value: str) -> None:
    """Replace the runs between the field's separate and end marks by the typed value."""
    begin_run = ff.getparent().getparent()
    run = begin_run.getnext()
    while run is not None and not run.xpath("w:fldChar[@w:fldCharType='separate']", namespaces=NS):
        run = run.getnext()
    assert run is not None
    result = run.getnext()
    while not result.xpath("w:fldChar[@w:fldCharType='end']", namespaces=NS):
        following = result.getnext()
        result.getparent().remove(result)
        result = following
    new = etree.Element(_w("r"))
    for index, line in enumerate(value.split("\n")):
        if index:
            etree.SubElement(new, _w("br"))
        text = etree.SubElement(new, _w("t"))
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text.text = line
    run.addnext(new)
