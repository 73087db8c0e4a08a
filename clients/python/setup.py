"""Builds scstbus_client and, from the wire contract in proto/src/main/protobuf, the scstbus.v1 protobuf
modules it imports: protoc runs at build time (Debian's protobuf-compiler, PROTOC=/path/to/protoc, or
grpc_tools when importable), so an installed client needs no PYTHONPATH and no manual protoc step.

    pip install --no-build-isolation ./clients/python

The generated code must suit the protobuf runtime: use a protoc of the runtime's major.minor (Debian 12:
protoc 3.21 with python3-protobuf 3.21). SCSTBUS_PROTO_DIR points at another copy of the .proto files.
"""

import glob
import os
import shutil
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_DIR = os.environ.get("SCSTBUS_PROTO_DIR") or os.path.join(HERE, "..", "..", "proto", "src", "main", "protobuf")


def _protoc_command():
    """The protoc to run, as a command prefix: $PROTOC, protoc on PATH, else grpc_tools' bundled one."""
    explicit = os.environ.get("PROTOC")
    if explicit:
        return [explicit]
    found = shutil.which("protoc")
    if found:
        return [found]
    try:
        import grpc_tools  # noqa: F401
        return [sys.executable, "-m", "grpc_tools.protoc"]
    except ImportError:
        raise SystemExit("scstbus_client build: protoc not found; install Debian's protobuf-compiler "
                         "(apt-get install -y protobuf-compiler) or set PROTOC=/path/to/protoc")


class BuildWithProtos(build_py):
    """build_py that first writes scstbus/v1/*_pb2.py into the build folder."""

    def run(self):
        super().run()
        protos = sorted(glob.glob(os.path.join(PROTO_DIR, "scstbus", "v1", "*.proto")))
        if not protos:
            raise SystemExit(f"scstbus_client build: no .proto files under {os.path.abspath(PROTO_DIR)}/scstbus/v1; "
                             "build from the repository checkout or set SCSTBUS_PROTO_DIR")
        out = os.path.join(self.build_lib, "scstbus", "v1")
        os.makedirs(out, exist_ok=True)
        cmd = _protoc_command() + ["-I", PROTO_DIR, f"--python_out={self.build_lib}"] + protos
        self.announce("generating scstbus.v1: " + " ".join(cmd), level=2)
        try:
            subprocess.run(cmd, check=True)
        except (OSError, subprocess.CalledProcessError) as e:
            raise SystemExit(f"scstbus_client build: protoc failed ({e}): {' '.join(cmd)}")
        for package in (os.path.dirname(out), out):
            with open(os.path.join(package, "__init__.py"), "w", encoding="utf-8") as f:
                f.write('"""Generated from proto/src/main/protobuf by the scstbus_client build; do not edit."""\n')


setup(
    name="scstbus-client",
    version="0.1.0",
    description="Python client of scst-bus: publish SCST rollouts to the reward workers over Kafka, join their "
                "scores, compute advantages; and an SCST training program for PyTorch captioners",
    python_requires=">=3.9",
    packages=["scstbus_client"],
    # Debian 12: python3-confluent-kafka, python3-protobuf; the training program also needs python3-torch,
    # python3-torchvision, python3-pil. Declared as requirements they would make pip look for them on an
    # index even when Debian's are installed under other distribution names, so they are listed, not required.
    install_requires=[],
    extras_require={"train": ["torch", "torchvision", "Pillow"]},
    entry_points={"console_scripts": ["scstbus-train = scstbus_client.train:main"]},
    cmdclass={"build_py": BuildWithProtos},
)
