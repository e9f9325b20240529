"""Edit .docx files the way a clerk does, in LibreOffice itself, through the UNO bridge.

Run with the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno), not
the test venv:

    /usr/bin/python3 lo_edit.py JOBS.json

JOBS.json is a list of {"in": path, "out": path, "edits": [...]}; each edit is one of

- {"op": "font", "find": TEXT, "font": NAME, "all": BOOL}: the whole paragraph holding TEXT (every
  such paragraph with "all") in font NAME;
- {"op": "font_part", "find": TEXT, "font": NAME}: only TEXT itself (LibreOffice splits the
  runs around it, as a clerk selecting a few words does);
- {"op": "add_paragraph", "after": TEXT, "text": NEW, "bold": PART}: a new paragraph after the
  one holding TEXT, typed as NEW, with PART of it made bold afterwards (so a tag is split);
- {"op": "move", "find": TEXT, "until": TEXT3, "before": TEXT2}: cut the paragraphs from the one
  holding TEXT to the one holding TEXT3 (or only the first) and paste them before the paragraph
  holding TEXT2 (clipboard transfer, formatting kept);
- {"op": "image", "find": TEXT, "path": PNG, "width_mm": W}: a picture anchored as a character
  at the start of the paragraph holding TEXT;
- {"op": "header", "text": TEXT}: TEXT typed at the end of every page header in use;
- {"op": "replace", "find": TEXT, "with": NEW}: LibreOffice's Find & Replace.

Each document is saved with LibreOffice's "MS Word 2007 XML" filter. One soffice serves every
job (started with a private profile, stopped at the end).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.lang import DisposedException  # type: ignore[import-not-found]
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK  # type: ignore[import-not-found]
from com.sun.star.text.TextContentAnchorType import AS_CHARACTER  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str, process: subprocess.Popen) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit(f"soffice stopped ({process.returncode})")
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.1)
    raise SystemExit("soffice did not answer")


def find(doc: object, text: str) -> object:
    search = doc.createSearchDescriptor()
    search.SearchString = text
    found = doc.findFirst(search)
    if found is None:
        raise SystemExit(f"text not found: {text!r}")
    return found


def find_all(doc: object, text: str) -> list:
    search = doc.createSearchDescriptor()
    search.SearchString = text
    found = doc.findAll(search)
    return [found.getByIndex(i) for i in range(found.getCount())]


def paragraph_cursor(found: object) -> object:
    cursor = found.getText().createTextCursorByRange(found)
    cursor.gotoStartOfParagraph(False)
    cursor.gotoEndOfParagraph(True)
    return cursor


def edit(ctx: object, doc: object, step: dict) -> None:
    op = step["op"]
    if op == "font":
        for found in find_all(doc, step["find"]) if step.get("all") else [find(doc, step["find"])]:
            paragraph_cursor(found).CharFontName = step["font"]
    elif op == "font_part":
        found = find(doc, step["find"])
        found.CharFontName = step["font"]
    elif op == "add_paragraph":
        found = find(doc, step["after"])
        text = found.getText()
        cursor = text.createTextCursorByRange(found)
        cursor.gotoEndOfParagraph(False)
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, step["text"], False)
        if step.get("bold"):
            start = text.createTextCursorByRange(cursor)
            start.gotoStartOfParagraph(False)
            find_after(doc, step["bold"], start).CharWeight = 150.0
    elif op == "move":
        controller = doc.getCurrentController()
        first = find(doc, step["find"])
        source = first.getText().createTextCursorByRange(first)
        # From the mark ending the paragraph before: the block leaves no empty line behind,
        # and pasted after a paragraph's end it comes as whole paragraphs.
        source.gotoStartOfParagraph(False)
        source.goLeft(1, False)
        if step.get("until"):               # a block of paragraphs, to the one holding it
            last = find_after(doc, step["until"], first)
            source.gotoRange(last.getEnd(), True)
        source.gotoEndOfParagraph(True)
        controller.select(source)
        transfer = controller.getTransferable()
        source.setString("")
        target = find(doc, step["before"])
        cursor = target.getText().createTextCursorByRange(target)
        cursor.gotoStartOfParagraph(False)
        cursor.goLeft(1, False)
        controller.select(cursor)
        controller.insertTransferable(transfer)
    elif op == "image":
        found = find(doc, step["find"])
        cursor = found.getText().createTextCursorByRange(found)
        cursor.gotoStartOfParagraph(False)
        provider = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.graphic.GraphicProvider", ctx)
        graphic = provider.queryGraphic((prop("URL", uno.systemPathToFileUrl(
            str(Path(step["path"]).resolve()))),))
        picture = doc.createInstance("com.sun.star.text.TextGraphicObject")
        picture.Graphic = graphic
        picture.AnchorType = AS_CHARACTER
        size = uno.createUnoStruct("com.sun.star.awt.Size")
        size.Width = size.Height = int(step.get("width_mm", 15) * 100)
        picture.Size = size
        found.getText().insertTextContent(cursor, picture, False)
    elif op == "header":
        styles = doc.getStyleFamilies().getByName("PageStyles")
        done = 0
        for name in styles.getElementNames():
            style = styles.getByName(name)
            if not style.HeaderIsOn or not style.isInUse():
                continue
            parts = ["HeaderText"]
            if not getattr(style, "FirstIsShared", True):
                parts.append("HeaderTextFirst")
            for part in parts:
                text = getattr(style, part, None)
                if text is not None:
                    text.insertString(text.getEnd(), step["text"], False)
                    done += 1
        if not done:
            raise SystemExit("no header in use")
    elif op == "replace":
        replace = doc.createReplaceDescriptor()
        replace.SearchString, replace.ReplaceString = step["find"], step["with"]
        if doc.replaceAll(replace) == 0:
            raise SystemExit(f"text not found: {step['find']!r}")
    else:
        raise SystemExit(f"unknown edit {op!r}")


def find_after(doc: object, text: str, start: object) -> object:
    search = doc.createSearchDescriptor()
    search.SearchString = text
    found = doc.findNext(start.getStart(), search)
    if found is None:
        found = find(doc, text)
    return found


def main() -> None:
    jobs = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    pipe = f"thidua_edit_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="thidua-lo-") as profile:
        process = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--nologo", "--norestore",
             "--nodefault", f"-env:UserInstallation={Path(profile).as_uri()}",
             f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            ctx = connect(pipe, process)
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx)
            for job in jobs:
                doc = desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(str(Path(job["in"]).resolve())), "_blank", 0,
                    (prop("Hidden", True),))
                try:
                    for step in job["edits"]:
                        edit(ctx, doc, step)
                    doc.storeToURL(uno.systemPathToFileUrl(str(Path(job["out"]).resolve())),
                                   (prop("FilterName", "MS Word 2007 XML"),))
                finally:
                    doc.close(True)
            with contextlib.suppress(DisposedException):   # the bridge drops as it exits
                desktop.terminate()
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


if __name__ == "__main__":
    main()
