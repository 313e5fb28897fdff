"""Images a data package may carry (pure): per case and examination, each with a caption,
a credit and a licence, listed in `images.csv` and kept under `images/`.

Each image is checked with Pillow before anything shows it: PNG or JPEG only, at most
MAX_IMAGE_BYTES and MAX_IMAGE_SIDE pixels a side (its size is read from the header before
any pixel is decoded, so a decompression bomb is refused), decoded whole (a truncated or
damaged file is a problem, not a traceback), then written anew without its metadata (EXIF
with GPS and camera data, text chunks, ICC comments). A bad image is a problem with its row
and file named, like any other bad file of a package; nothing else of the package is lost.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Collection
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError
from pydantic import BaseModel, ConfigDict, Field

from imos.dataset.problems import Problem
from imos.dataset.sources import FileSource, read_csv_file

IMAGES_FILE = "images.csv"
IMAGE_FOLDER = "images/"
MAX_IMAGE_BYTES = 1_500_000
MAX_IMAGE_SIDE = 4096
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
_NAME = re.compile(r"^images/[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.(png|jpe?g)$", re.I)


class ImageRow(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    case_id: str = Field(min_length=1, max_length=20)
    examination_id: str = Field(min_length=1, max_length=40)
    file: str = Field(min_length=1, max_length=100)
    caption: str = Field(min_length=1, max_length=400)
    credit: str = Field(min_length=1, max_length=200)
    licence: str = Field(min_length=1, max_length=100)


@dataclass(frozen=True)
class PackageImage:
    """A checked image, its metadata stripped."""

    case_id: str
    examination_id: str
    name: str
    data: bytes
    mime: str
    width: int
    height: int
    caption: str
    credit: str
    licence: str


def clean_image(data: bytes) -> tuple[bytes, str, int, int]:
    """(the image written anew without metadata, its MIME type, width, height); raises
    ValueError with a plain message when the bytes are not an image the app shows."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ValueError(f"the image is larger than {MAX_IMAGE_BYTES:,} bytes")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                if kind not in FORMATS:
                    raise ValueError(f"the image is {kind or 'of an unknown kind'}; use PNG or JPEG")
                if max(width, height) > MAX_IMAGE_SIDE:
                    raise ValueError(f"the image is {width} x {height} pixels; at most "
                                     f"{MAX_IMAGE_SIDE} a side")
                image.load()  # decodes every pixel: a truncated file fails here
                pixels = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else
                                       "L" if image.mode in ("L", "1", "I;16") else "RGB")
    except ValueError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValueError(f"the image has too many pixels; at most {MAX_IMAGE_SIDE} a "
                         "side") from error
    except (UnidentifiedImageError, OSError, SyntaxError, EOFError) as error:
        raise ValueError("the file is not a readable PNG or JPEG image (damaged or of "
                         "another kind)") from error
    # a new image from the pixels alone: nothing of the file's metadata can come along
    pixels = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    if kind == "JPEG":
        pixels.convert("RGB").save(out, "JPEG", quality=90)  # no exif, no comment, no ICC
    else:
        pixels.save(out, "PNG", optimize=True)  # no text chunks
    return out.getvalue(), FORMATS[kind], width, height


def read_images(source: FileSource, case_ids: Collection[str], examination_ids: Collection[str],
                problems: list[Problem]) -> tuple[PackageImage, ...]:
    """The package's images (none without `images.csv`); every bad row or file is a problem."""
    if source.read(IMAGES_FILE) is None:
        return ()
    images = []
    for number, row in read_csv_file(source, IMAGES_FILE, ImageRow, problems):
        def problem(field: str, message: str) -> None:
            problems.append(Problem(IMAGES_FILE, number, field, message))

        if row.case_id not in case_ids:
            problem("case_id", f"no case '{row.case_id}' in cases.yaml")
            continue
        if row.examination_id not in examination_ids:
            problem("examination_id", f"no examination '{row.examination_id}' in the catalogue")
            continue
        if not _NAME.match(row.file):
            problem("file", "name a file inside the images/ folder, such as "
                            "images/case2-radiograph.png (letters, digits, . _ -; PNG or JPEG)")
            continue
        data = source.read(row.file)
        if data is None:
            problem("file", f"{row.file} is not in the package")
            continue
        try:
            clean, mime, width, height = clean_image(data)
        except ValueError as error:
            problem("file", f"{row.file}: {error}")
            continue
        images.append(PackageImage(row.case_id, row.examination_id, row.file, clean, mime,
                                   width, height, row.caption, row.credit, row.licence))
    return tuple(images)
