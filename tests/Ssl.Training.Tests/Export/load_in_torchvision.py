"""Loads an encoder exported by `ssl export` into torchvision's ResNet-18 and compares its output with the C# one.

usage: load_in_torchvision.py ENCODER(.pt|.safetensors) IO.safetensors imagenet|cifar
IO.safetensors holds `input` [N,3,H,W] and `output` [N,512] of the C# encoder in eval mode.
Prints the largest absolute difference; exits 1 when it exceeds 1e-4.
Needs only Debian's python3-torch and python3-torchvision (safetensors is parsed here, no package needed)."""
import json
import struct
import sys

import torch
import torch.nn as nn
import torchvision

DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8}


def read_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        t = torch.frombuffer(bytearray(data[start:end]), dtype=DTYPES[info["dtype"]]) if end > start else torch.empty(0, dtype=DTYPES[info["dtype"]])
        out[name] = t.reshape(info["shape"]).clone()
    return out


def main():
    encoder_path, io_path, stem = sys.argv[1], sys.argv[2], sys.argv[3]
    state = torch.load(encoder_path) if encoder_path.endswith(".pt") else read_safetensors(encoder_path)
    m = torchvision.models.resnet18()
    m.fc = nn.Identity()
    if stem == "cifar":
        # The CIFAR stem's one difference: 3x3 stride-1 conv1 and no max-pool.
        m.conv1 = nn.Conv2d(3, m.conv1.out_channels, 3, 1, 1, bias=False)
        m.maxpool = nn.Identity()
    m.load_state_dict(state)  # strict: every key and shape must match
    m.eval()
    io = read_safetensors(io_path)
    with torch.no_grad():
        y = m(io["input"])
    diff = (y - io["output"]).abs().max().item()
    print(f"max abs diff {diff:.3g} over {tuple(y.shape)}")
    sys.exit(0 if diff <= 1e-4 else 1)


if __name__ == "__main__":
    main()
