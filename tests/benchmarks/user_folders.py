#!/usr/bin/python3
"""Writes two "user's own folder" datasets from Debian's Fashion-MNIST (issue 12's user-folder check):

  OUT/gray/<class>/<n>.png    N grayscale PNGs (mode L), as they are in the IDX file
  OUT/colour/<class>/<n>.png  the same N garments as RGBA PNGs: a random colour per image (independent of the
                              class, so colour alone predicts nothing), the garment's intensity as alpha over a
                              transparent background

Images are the first N of the training file, so the classes are roughly balanced. Usage:
  /usr/bin/python3 tests/benchmarks/user_folders.py OUT [N=2000]
"""
import colorsys, gzip, os, random, sys
from PIL import Image

SOURCE = "/usr/share/datasets/fashion-mnist"
CLASSES = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"]


def idx(name):
    with gzip.open(os.path.join(SOURCE, name)) as f:
        return f.read()


def main():
    out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    images, labels = idx("train-images-idx3-ubyte.gz")[16:], idx("train-labels-idx1-ubyte.gz")[8:]
    rng = random.Random(0)
    for i in range(n):
        pixels = images[i * 784:(i + 1) * 784]
        name = CLASSES[labels[i]]
        gray = Image.frombytes("L", (28, 28), pixels)
        r, g, b = (int(255 * c) for c in colorsys.hsv_to_rgb(rng.random(), 0.5 + 0.5 * rng.random(), 1.0))
        colour = Image.merge("RGBA", (Image.new("L", (28, 28), r), Image.new("L", (28, 28), g),
                                      Image.new("L", (28, 28), b), gray))
        for kind, image in (("gray", gray), ("colour", colour)):
            folder = os.path.join(out, kind, name)
            os.makedirs(folder, exist_ok=True)
            image.save(os.path.join(folder, f"{i:05d}.png"))
    print(f"{n} grayscale PNGs in {out}/gray, {n} RGBA PNGs in {out}/colour, {len(CLASSES)} classes")


if __name__ == "__main__":
    main()
