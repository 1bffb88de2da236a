"""Logos: the region's at the end edge of the top strip (mirrored for right to left),
the organisation's in the footer at the start edge."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image

from export.flyers import render_flyer

from .support import sample_data

RED, GREEN = (220, 20, 20), (20, 160, 40)


@pytest.fixture(scope="module")
def data(demo_template, tmp_path_factory):
    from desktop.db import open_database

    folder = tmp_path_factory.mktemp("logos")
    Image.new("RGB", (400, 120), RED).save(folder / "region.png")
    Image.new("RGB", (300, 120), GREEN).save(folder / "organisation.png")
    db = open_database(str(demo_template))
    try:
        data = sample_data(db)
    finally:
        db.dispose()
    data.region_logo = str(folder / "region.png")
    data.organization_logo = str(folder / "organisation.png")
    return data


def centre_of(picture: Image.Image, colour) -> tuple[float, float]:
    """Where the pixels of one colour are, as fractions of width and height."""
    small = picture.convert("RGB").resize((picture.width // 4, picture.height // 4))
    points = [
        (x, y)
        for x in range(small.width)
        for y in range(small.height)
        if all(abs(a - b) < 40 for a, b in zip(small.getpixel((x, y)), colour, strict=True))
    ]
    assert points, colour
    return (
        sum(p[0] for p in points) / len(points) / small.width,
        sum(p[1] for p in points) / len(points) / small.height,
    )


@pytest.mark.parametrize("code", ["de", "ar"])
def test_logos_sit_where_the_reading_direction_puts_them(data, code, tmp_path):
    pdf = render_flyer(data, tmp_path / f"{code}.pdf", code).path
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.strip().splitlines()) - 2 == 2
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-singlefile", str(pdf), str(tmp_path / code)], check=True
    )
    picture = Image.open(tmp_path / f"{code}.png")
    region_x, region_y = centre_of(picture, RED)
    organisation_x, organisation_y = centre_of(picture, GREEN)
    assert region_y < 0.1 and organisation_y > 0.8
    if code == "de":
        assert region_x > 0.6 and organisation_x < 0.4
    else:
        assert region_x < 0.4 and organisation_x > 0.6
