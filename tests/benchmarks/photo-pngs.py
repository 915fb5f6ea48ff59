#!/usr/bin/python3
"""Photo PNGs for the PNG ingest benchmark (issue 13, item 4): random 256x256 crops of the photos that ship with
scikit-learn and scikit-image (random scale, offset and flip; always scaled down), saved by PIL as PNG at zlib level 6 (PIL's and
libpng's default), so they compress like real photos and not like noise.

    apt-get install -y python3-skimage          # astronaut, chelsea, coffee, ... (scikit-learn is already here)
    /usr/bin/python3 tests/benchmarks/photo-pngs.py /tmp/photo-png      # --rgb 2000 --rgba 300 --gray 300

Writes rgb/, rgba/ and gray/ sub-folders and prints the mean file size and compression ratio per kind. Seeded:
the same command writes the same files."""
import argparse, io, os, random

import numpy as np
from PIL import Image
from sklearn.datasets import load_sample_images
from skimage import data

def sources():
    colour = list(load_sample_images().images)  # china.jpg, flower.jpg (427x640)
    colour += [data.astronaut(), data.chelsea(), data.coffee(), data.rocket(), data.stereo_motorcycle()[0]]
    gray = [data.camera(), data.moon(), data.grass(), data.gravel(), data.brick()]
    return [Image.fromarray(a) for a in colour], [Image.fromarray(a) for a in gray]

def crop(image, rng, side):
    w, h = image.size
    # Never upscaled (that would smooth the pixels and flatter the compression): a photo scaled down to 256.
    extent = rng.randint(min(side, w, h), min(w, h))
    x, y = rng.randrange(w - extent + 1), rng.randrange(h - extent + 1)
    out = image.crop((x, y, x + extent, y + extent)).resize((side, side), Image.BILINEAR)
    return out.transpose(Image.FLIP_LEFT_RIGHT) if rng.random() < 0.5 else out

def with_alpha(image, rng):
    # A soft vignette in alpha, as cut-out product shots have: smooth, so it compresses like one.
    side = image.size[0]
    yy, xx = np.mgrid[0:side, 0:side] / (side - 1) - 0.5
    alpha = np.clip(1.6 - 3.2 * np.hypot(xx - rng.uniform(-.2, .2), yy - rng.uniform(-.2, .2)), 0, 1)
    rgba = image.convert("RGBA")
    rgba.putalpha(Image.fromarray((alpha * 255).astype(np.uint8)))
    return rgba

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--rgb", type=int, default=2000)
    parser.add_argument("--rgba", type=int, default=300)
    parser.add_argument("--gray", type=int, default=300)
    parser.add_argument("--side", type=int, default=256)
    args = parser.parse_args()
    rng = random.Random(13)
    colour, gray = sources()
    kinds = [("rgb", args.rgb, colour, lambda im: im.convert("RGB"), 3),
             ("rgba", args.rgba, colour, lambda im: with_alpha(im.convert("RGB"), rng), 4),
             ("gray", args.gray, gray, lambda im: im.convert("L"), 1)]
    for kind, count, images, convert, channels in kinds:
        os.makedirs(os.path.join(args.folder, kind), exist_ok=True)
        total = 0
        for i in range(count):
            buffer = io.BytesIO()
            convert(crop(rng.choice(images), rng, args.side)).save(buffer, "PNG", compress_level=6)
            total += buffer.tell()
            with open(os.path.join(args.folder, kind, f"{i:05d}.png"), "wb") as f:
                f.write(buffer.getvalue())
        if count:
            mean = total / count
            raw = args.side * args.side * channels
            print(f"{kind}: {count} PNGs of {args.side}x{args.side}, mean {mean / 1024:.1f} KiB, "
                  f"compression ratio {raw / mean:.2f} (raw {raw / 1024:.0f} KiB)")

if __name__ == "__main__":
    main()
