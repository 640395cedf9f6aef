#!/usr/bin/env python3
"""Check every map*.svg that `studyforge build` wrote under OUT_DIR.

For each file:
  - it parses as XML and is an SVG with a viewBox;
  - no two node boxes overlap, and every box lies inside the canvas;
  - rsvg-convert renders it (librsvg, nobody here wrote it);
  - rendered with only its text (boxes and edges removed), every inked
    pixel lies inside some node's box: the labels were measured right.

rsvg-convert is given the fonts the PDFs embed (Libertinus Serif from the
typst-assets crate in cargo's registry) through a private fontconfig file,
so it sets the text as typst does.

    python3 tests/conformance/check_map.py out/
"""

import glob
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from PIL import Image, ImageChops, ImageDraw

SVG = "{http://www.w3.org/2000/svg}"
ZOOM = 2.0
# Antialiasing spreads ink by about a pixel at this zoom.
TOLERANCE_PX = 1.5


def font_dir():
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    found = sorted(glob.glob(os.path.join(home, "registry/src/*/typst-assets-*/files/fonts")))
    if not found:
        sys.exit("check_map: typst-assets fonts not found in cargo's registry (build studyforge first)")
    return found[-1]


def fontconfig(tmp):
    conf = os.path.join(tmp, "fonts.conf")
    with open(conf, "w") as f:
        f.write(
            '<?xml version="1.0"?>\n<fontconfig>\n'
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
            f"<dir>{font_dir()}</dir>\n<cachedir>{tmp}/cache</cachedir>\n</fontconfig>\n"
        )
    env = dict(os.environ, FONTCONFIG_FILE=conf)
    family = subprocess.run(["fc-match", "-f", "%{family}", "Libertinus Serif"], env=env,
                            capture_output=True, text=True).stdout
    if "Libertinus Serif" not in family:
        sys.exit(f"check_map: fontconfig does not find Libertinus Serif (got {family!r})")
    return env


def boxes_of(root):
    """(x, y, w, h) of each node: the first rect of every <g> holding text."""
    out = []
    for g in root.iter(SVG + "g"):
        rect, text = g.find(SVG + "rect"), g.find(SVG + "text")
        if rect is not None and text is not None:
            out.append(tuple(float(rect.get(k)) for k in ("x", "y", "width", "height")))
    return out


def overlaps(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def render(path, png, env):
    result = subprocess.run(["rsvg-convert", "-z", str(ZOOM), "-o", png, path], env=env,
                            capture_output=True, text=True)
    if result.returncode != 0 or result.stderr.strip():
        raise ValueError(f"rsvg-convert: {result.returncode} {result.stderr.strip()}")
    return Image.open(png)


def text_only(tree, path):
    """The SVG with boxes, edges and background removed, text in black."""
    root = tree.getroot()
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (SVG + "rect", SVG + "path"):
                parent.remove(child)
    for text in root.iter(SVG + "text"):
        text.set("fill", "#000000")
    tree.write(path)


def stray_ink(image, boxes, scale):
    """Inked pixels outside every box: their count, one of them, all ink."""
    ink = image.getchannel("A").point(lambda a: 255 if a >= 64 else 0)
    inside = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(inside)
    for x, y, w, h in boxes:
        draw.rectangle([x * scale - TOLERANCE_PX, y * scale - TOLERANCE_PX,
                        (x + w) * scale + TOLERANCE_PX, (y + h) * scale + TOLERANCE_PX], fill=255)
    outside = ImageChops.subtract(ink, inside)
    stray = outside.histogram()[255]
    bbox = outside.getbbox()
    return stray, (bbox[0], bbox[1]) if bbox else None, ink.histogram()[255]


def check(path, tmp, env):
    tree = ET.parse(path)
    root = tree.getroot()
    if root.tag != SVG + "svg":
        raise ValueError("root element is not <svg>")
    _, _, vw, vh = (float(v) for v in root.get("viewBox").split())
    boxes = boxes_of(root)
    if not boxes:
        raise ValueError("no node boxes")
    for i, a in enumerate(boxes):
        if a[0] < 0 or a[1] < 0 or a[0] + a[2] > vw + 0.01 or a[1] + a[3] > vh + 0.01:
            raise ValueError(f"box {i} {a} leaves the {vw}x{vh} canvas")
        for j in range(i + 1, len(boxes)):
            if overlaps(a, boxes[j]):
                raise ValueError(f"boxes {i} {a} and {j} {boxes[j]} overlap")
    full = render(path, os.path.join(tmp, "full.png"), env)
    if full.getbbox() is None:
        raise ValueError("renders empty")
    text_svg = os.path.join(tmp, "text.svg")
    text_only(tree, text_svg)
    image = render(text_svg, os.path.join(tmp, "text.png"), env).convert("RGBA")
    scale = image.size[0] / vw
    stray, example, inked = stray_ink(image, boxes, scale)
    if inked == 0:
        raise ValueError("no text rendered")
    if stray:
        raise ValueError(f"{stray} text pixels outside every box (first at {example} px)")
    return len(boxes)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_map.py OUT_DIR")
    files = sorted(glob.glob(os.path.join(sys.argv[1], "**", "map*.svg"), recursive=True))
    if not files:
        sys.exit("check_map: no map*.svg under " + sys.argv[1])
    failed = 0
    nodes = 0
    with tempfile.TemporaryDirectory() as tmp:
        env = fontconfig(tmp)
        for path in files:
            try:
                nodes += check(path, tmp, env)
            except (ValueError, ET.ParseError) as e:
                failed += 1
                print(f"FAIL {path}: {e}")
    print(f"check_map: {len(files) - failed} passed, {failed} failed ({nodes} nodes)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
