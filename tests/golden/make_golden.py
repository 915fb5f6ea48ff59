#!/usr/bin/python3
"""Golden values for the SSL losses, computed by independent PyTorch implementations written from the papers
(and their reference code), on fixed random float64 inputs.

Regenerate (from the repository root) with Debian's python3-torch, not a virtualenv's python:

    /usr/bin/python3 tests/golden/make_golden.py

It writes tests/Ssl.Training.Tests/Golden/<loss>.json: {"loss", "reference", "inputs": {name: {"shape", "data"}},
"parameters": {...}, "expected": {name: {"shape", "data"}}}. The C# tests load them and compare to 1e-6 in float64.
The fixtures are checked in, so the C# tests never need Python. The seed is fixed: rerunning gives the same files.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Ssl.Training.Tests", "Golden")


def t(x):
    x = torch.as_tensor(x, dtype=torch.float64)
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def write(name, reference, inputs, parameters, expected):
    os.makedirs(OUT, exist_ok=True)
    doc = {"loss": name, "reference": reference, "torch": torch.__version__,
           "inputs": {k: t(v) for k, v in inputs.items()}, "parameters": parameters,
           "expected": {k: t(v) for k, v in expected.items()}}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        # One line per tensor: readable diffs without one number per line.
        f.write("{\n" + ",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in doc.items()) + "\n}\n")


def byol(g):
    # Grill et al. 2020, Eq. 2: || q/|q| - z/|z| ||^2 = 2 - 2 cos, symmetrised L + L~.
    q1, q2, z1, z2 = (torch.randn(6, 5, generator=g) for _ in range(4))

    def l(q, z):
        qn, zn = q / q.norm(dim=1, keepdim=True), z / z.norm(dim=1, keepdim=True)
        return ((qn - zn) ** 2).sum(dim=1).mean()
    write("byol", "Grill et al., NeurIPS 2020, Eq. 2", dict(q1=q1, q2=q2, z1=z1, z2=z2), {},
          dict(loss=l(q1, z2) + l(q2, z1)))


def barlow_twins(g):
    # Zbontar et al. 2021, Algorithm 1: BN(affine=False) in training mode, c = bn(za).T @ bn(zb) / N.
    za, zb = torch.randn(8, 6, generator=g) * 2 + 1, torch.randn(8, 6, generator=g)
    lam, scale = 0.0051, 1.0
    bn = torch.nn.BatchNorm1d(6, affine=False).double().train()
    c = bn(za).T @ bn(zb) / 8
    on = (torch.diagonal(c) - 1).pow(2).sum()
    off = sum(c[i, j] ** 2 for i in range(6) for j in range(6) if i != j)
    write("barlow_twins", "Zbontar et al., ICML 2021, Eq. 1-2 and Algorithm 1", dict(za=za, zb=zb),
          {"lambda": lam, "scale": scale}, dict(loss=scale * (on + lam * off), c=c))


def nt_xent(g):
    # Chen et al. 2020, Eq. 1 and Algorithm 1, written anchor by anchor.
    n, tau = 5, 0.3
    z1, z2 = torch.randn(n, 4, generator=g), torch.randn(n, 4, generator=g)
    z = torch.cat([z1, z2])
    sim = lambda a, b: a @ b / (a.norm() * b.norm())

    def l(i, j):
        den = sum(math.exp(sim(z[i], z[k]) / tau) for k in range(2 * n) if k != i)
        return -math.log(math.exp(sim(z[i], z[j]) / tau) / den)
    loss = sum(l(k, k + n) + l(k + n, k) for k in range(n)) / (2 * n)
    write("nt_xent", "Chen et al., ICML 2020, Eq. 1", dict(z1=z1, z2=z2), {"temperature": tau}, dict(loss=loss))


def vicreg(g):
    # Bardes et al. 2022, Eq. 1-6: lambda s + mu [v(Z) + v(Z')] + nu [c(Z) + c(Z')].
    za, zb = torch.randn(10, 6, generator=g) * 0.7, torch.randn(10, 6, generator=g) * 1.3
    lam, mu, nu = 25.0, 25.0, 1.0

    def v(z):
        return F.relu(1 - torch.sqrt(z.var(dim=0) + 1e-4)).mean()

    def c(z):
        n, d = z.shape
        zc = z - z.mean(dim=0)
        cov = zc.T @ zc / (n - 1)
        return (cov ** 2).sum().sub((torch.diagonal(cov) ** 2).sum()) / d
    s = F.mse_loss(za, zb)
    write("vicreg", "Bardes, Ponce & LeCun, ICLR 2022, Eq. 1-6", dict(za=za, zb=zb),
          {"invariance": lam, "variance": mu, "covariance": nu},
          dict(loss=lam * s + mu * (v(za) + v(zb)) + nu * (c(za) + c(zb)), invariance=s, variance=v(za), covariance=c(za)))


def mocov3(g):
    # Chen, Xie & He 2021, Algorithm 1: ctr(q, k) = CE(q k^T / tau, arange) * 2 tau; ctr(q1, k2) + ctr(q2, k1).
    tau = 0.2
    q1, q2, k1, k2 = (torch.randn(6, 5, generator=g) for _ in range(4))

    def ctr(q, k):
        q, k = F.normalize(q, dim=1), F.normalize(k, dim=1)
        return F.cross_entropy(q @ k.T / tau, torch.arange(q.shape[0])) * 2 * tau
    write("mocov3", "Chen, Xie & He, ICCV 2021, Algorithm 1", dict(q1=q1, q2=q2, k1=k1, k2=k2),
          {"temperature": tau}, dict(loss=ctr(q1, k2) + ctr(q2, k1)))


def swav(g):
    # Caron et al. 2020, reference code main_swav.py: distributed_sinkhorn and the swapped-prediction loop.
    n, k, eps, iters, tau = 6, 5, 0.05, 3, 0.1
    scores = [F.normalize(torch.randn(n, 4, generator=g), dim=1) @ F.normalize(torch.randn(k, 4, generator=g), dim=1).T
              for _ in range(4)]  # 2 global + 2 local crops, prototypes differ per crop only to vary the values

    def sinkhorn(out):
        Q = torch.exp(out / eps).t()
        B, K = Q.shape[1], Q.shape[0]
        Q /= torch.sum(Q)
        for _ in range(iters):
            Q /= torch.sum(Q, dim=1, keepdim=True)
            Q /= K
            Q /= torch.sum(Q, dim=0, keepdim=True)
            Q /= B
        Q *= B
        return Q.t()
    codes = [sinkhorn(scores[i]) for i in range(2)]
    loss = 0
    for crop_id in range(2):
        q = codes[crop_id]
        subloss = 0
        for v in [v for v in range(4) if v != crop_id]:
            x = scores[v] / tau
            subloss -= torch.mean(torch.sum(q * F.log_softmax(x, dim=1), dim=1))
        loss += subloss / (4 - 1)
    loss /= 2
    inputs = {f"scores{i}": s for i, s in enumerate(scores)}
    write("swav", "Caron et al., NeurIPS 2020, Eq. 1-3 and main_swav.py", inputs,
          {"epsilon": eps, "iterations": iters, "temperature": tau}, dict(loss=loss, codes0=codes[0], codes1=codes[1]))


def dino(g):
    # Caron et al. 2021, Algorithm 1 and DINOLoss in main_dino.py (teacher: 2 global views; student: all 4 views).
    n, k, ts, tt, m = 5, 7, 0.1, 0.04, 0.9
    student = [torch.randn(n, k, generator=g) for _ in range(4)]
    teacher = [torch.randn(n, k, generator=g) for _ in range(2)]
    center = torch.randn(1, k, generator=g) * 0.1
    student_out = [s / ts for s in student]
    teacher_out = [F.softmax((tch - center) / tt, dim=-1) for tch in teacher]
    total, terms = 0, 0
    for iq, q in enumerate(teacher_out):
        for v in range(len(student_out)):
            if v == iq:
                continue
            total += torch.sum(-q * F.log_softmax(student_out[v], dim=-1), dim=-1).mean()
            terms += 1
    teacher_output = torch.cat(teacher)
    next_center = center * m + torch.sum(teacher_output, dim=0, keepdim=True) / len(teacher_output) * (1 - m)
    inputs = {**{f"student{i}": s for i, s in enumerate(student)}, **{f"teacher{i}": s for i, s in enumerate(teacher)},
              "center": center}
    write("dino", "Caron et al., ICCV 2021, Eq. 2-3, Algorithm 1 and main_dino.py", inputs,
          {"studentTemperature": ts, "teacherTemperature": tt, "centerMomentum": m},
          dict(loss=total / terms, nextCenter=next_center))


def negative_cosine(g):
    # Chen & He 2021, Eq. 1-2 (SimSiam): D(p, z) = -cos, symmetrised L = D(p1, z2)/2 + D(p2, z1)/2.
    p1, p2, z1, z2 = (torch.randn(6, 5, generator=g) for _ in range(4))
    d = lambda p, z: -(F.normalize(p, dim=1) * F.normalize(z, dim=1)).sum(dim=1).mean()
    write("negative_cosine", "Chen & He, CVPR 2021, Eq. 1-2", dict(p1=p1, p2=p2, z1=z1, z2=z2), {},
          dict(loss=d(p1, z2) / 2 + d(p2, z1) / 2))


if __name__ == "__main__":
    for i, make in enumerate([byol, barlow_twins, nt_xent, vicreg, mocov3, swav, dino, negative_cosine]):
        make(torch.Generator().manual_seed(1000 + i))
    print("wrote", sorted(os.listdir(OUT)))
