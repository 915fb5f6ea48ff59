#!/usr/bin/env bash
# Builds the CPU trainer image, localhost/ssl-trainer:cpu, with podman and no registry (DESIGN.md §4):
#   1. a Debian base made with debootstrap from the machine's own apt mirror (kept between runs: only made when
#      localhost/debian-min:bookworm is missing),
#   2. the self-contained `dotnet publish` of the `ssl` executable (TorchBackend=cpu, the default),
#   3. trainer/Dockerfile on that base, taking the publish from step 2 (APP_STAGE=prebuilt).
# The CUDA image is the same Dockerfile with its defaults; only the base image and TorchBackend differ.
# Needs root (debootstrap, rootful podman) and: apt-get install podman runc debootstrap.
# Usage: trainer/build-cpu-image.sh [image-tag]      Environment: SSL_IMAGE_WORK (publish folder, kept between runs)
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE="${1:-localhost/ssl-trainer:cpu}"
BASE_IMAGE=localhost/debian-min:bookworm
WORK="${SSL_IMAGE_WORK:-.artifacts/trainer-image}"
# crun fails on this kind of machine (cgroups in hybrid mode), and the kernel refuses podman's default
# RLIMIT_NOFILE/NPROC for root containers: shared/NOTES-containers.md. Tests use the same flags.
PODMAN=(podman --runtime runc)
ULIMITS=(--ulimit nofile=4096:4096 --ulimit nproc=4096:4096)

if ! "${PODMAN[@]}" image exists "$BASE_IMAGE"; then
  mirror=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
  mirror="${mirror:-http://deb.debian.org/debian}"
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  echo "== debootstrap bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
  tar -C "$rootfs" -c . | "${PODMAN[@]}" import --quiet - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
fi

echo "== dotnet publish (self-contained, linux-x64, TorchBackend=cpu)"
rm -rf "$WORK/publish"
dotnet publish trainer/Ssl.Cloud.Trainer -c Release -r linux-x64 --self-contained -p:TorchBackend=cpu \
  -o "$WORK/publish" --nologo -v quiet

echo "== podman build $IMAGE"
"${PODMAN[@]}" build "${ULIMITS[@]}" --network host -q -f trainer/Dockerfile -t "$IMAGE" \
  --build-arg BASE_IMAGE="$BASE_IMAGE" --build-arg APP_STAGE=prebuilt "$WORK" >/dev/null
# Layers of earlier builds of this tag would otherwise pile up at ~600 MB each.
"${PODMAN[@]}" image prune -f >/dev/null
echo "== built $IMAGE"
