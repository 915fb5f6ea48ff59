"""The model part of `ssl bench train` in PyTorch, for tests/benchmarks/side-by-side.sh.

SimSiam (Chen & He, CVPR 2021) on the ConvNet of trainer/Ssl.Training/Encoders/ConvNet.cs: four conv-BN-ReLU stages
(widths w, 2w, 4w, 8w; stride 1, 2, 2, 2), global average pool; projector Linear-BN-ReLU x2 + Linear-BN(affine=False)
(Heads/Mlp.cs, 3 layers); predictor Linear-BN-ReLU + Linear; symmetric negative cosine with stop-gradient; SGD
momentum 0.9, weight decay 5e-4. Two views of 32x32x3, as the C# benchmark's built-in data.

Prints the milliseconds per step, wall clock and process CPU time, of forward (to the loss value) and of backward +
optimiser step, the two phases `ssl bench train` reports besides augmentation (which differs between the two code
bases and is left out).
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def stage(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


class SimSiam(nn.Module):
    def __init__(self, width, proj, pred):
        super().__init__()
        w = width
        self.backbone = nn.Sequential(stage(3, w, 1), stage(w, 2 * w, 2), stage(2 * w, 4 * w, 2),
                                      stage(4 * w, 8 * w, 2), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.projector = nn.Sequential(
            nn.Linear(8 * w, proj, bias=False), nn.BatchNorm1d(proj), nn.ReLU(inplace=True),
            nn.Linear(proj, proj, bias=False), nn.BatchNorm1d(proj), nn.ReLU(inplace=True),
            nn.Linear(proj, proj, bias=False), nn.BatchNorm1d(proj, affine=False))
        self.predictor = nn.Sequential(nn.Linear(proj, pred, bias=False), nn.BatchNorm1d(pred), nn.ReLU(inplace=True),
                                       nn.Linear(pred, proj))

    def forward(self, x1, x2):
        z1, z2 = self.projector(self.backbone(x1)), self.projector(self.backbone(x2))  # N x D
        p1, p2 = self.predictor(z1), self.predictor(z2)
        return -0.5 * (F.cosine_similarity(p1, z2.detach()).mean() + F.cosine_similarity(p2, z1.detach()).mean())


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--width", type=int, default=16)
    a.add_argument("--batch-size", type=int, default=256)
    a.add_argument("--projector-dim", type=int, default=512)
    a.add_argument("--predictor-dim", type=int, default=128)
    a.add_argument("--steps", type=int, default=20)
    a.add_argument("--warmup-steps", type=int, default=2)
    a.add_argument("--threads", type=int, default=0)
    args = a.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = SimSiam(args.width, args.projector_dim, args.predictor_dim)
    opt = torch.optim.SGD(model.parameters(), lr=0.03 * args.batch_size / 256, momentum=0.9, weight_decay=5e-4)
    views = [torch.randn(args.batch_size, 3, 32, 32).contiguous() for _ in range(4)]
    forward = backward = forward_cpu = backward_cpu = 0.0
    for step in range(args.warmup_steps + args.steps):
        x1, x2 = views[step % 2], views[2 + step % 2]
        t0, c0 = time.perf_counter(), time.process_time()
        loss = model(x1, x2)
        loss.item()
        t1, c1 = time.perf_counter(), time.process_time()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        t2, c2 = time.perf_counter(), time.process_time()
        if step >= args.warmup_steps:
            forward, backward = forward + t1 - t0, backward + t2 - t1
            forward_cpu, backward_cpu = forward_cpu + c1 - c0, backward_cpu + c2 - c1
    n = args.steps
    print(f"pytorch {torch.__version__} threads {torch.get_num_threads()} batch {args.batch_size}")
    print(f"forward {1000 * forward / n:.1f} ms/step {1000 * forward_cpu / n:.1f} CPU ms/step")
    print(f"backward + step {1000 * backward / n:.1f} ms/step {1000 * backward_cpu / n:.1f} CPU ms/step")


if __name__ == "__main__":
    main()
