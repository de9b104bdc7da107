"""Builds loonsim's Swift library (product ``LoonsimC``, release mode) and bundles it into the package.

``pip install ./python`` runs this from a loonsim checkout: ``swift build -c release --product
LoonsimC`` in the checkout (scratch folder ``$LOONSIM_SWIFT_SCRATCH``, default ``.build``), then
copies the library to ``loonsim/_lib/`` and loonsim's data files (the VAE decoder and
perciatelli44's weights, with their licence) to ``loonsim/_data/``, so the installed package
needs neither the checkout nor ``$LOONSIM_HOME``.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = "libLoonsimC.dylib" if sys.platform == "darwin" else "libLoonsimC.so"
DATA_FILES = ["WindFields/offlineskies22_decoder.h5", "Experiments/agents/perciatelli44.h5",
              "WindFields/LICENSE-BLE.txt", "NOTICE", "LICENSE"]


def build_swift_library() -> Path:
    """Runs SwiftPM in release mode and returns the built library's path."""
    if not (ROOT / "Package.swift").is_file():
        sys.exit(f"loonsim: {ROOT} is not a loonsim checkout (no Package.swift); install from the repository's python/ folder")
    if shutil.which("swift") is None:
        sys.exit("loonsim: the Swift toolchain is needed to build the package (`swift` is not on PATH); see the README")
    scratch = os.environ.get("LOONSIM_SWIFT_SCRATCH", str(ROOT / ".build"))
    command = ["swift", "build", "-c", "release", "--product", "LoonsimC", "--scratch-path", scratch]
    print("loonsim: " + " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)
    bin_path = subprocess.run(command + ["--show-bin-path"], cwd=ROOT, check=True, capture_output=True,
                              text=True).stdout.strip()
    return Path(bin_path) / LIBRARY


class BuildWithSwift(build_py):
    """``build_py`` that also builds and bundles the Swift library and data files."""

    def run(self):
        super().run()
        package = Path(self.build_lib) / "loonsim"
        (package / "_lib").mkdir(parents=True, exist_ok=True)
        shutil.copy2(build_swift_library(), package / "_lib" / LIBRARY)
        for relative in DATA_FILES:
            target = package / "_data" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / relative, target)


class BinaryDistribution(Distribution):
    """A platform wheel: the package holds a native library."""

    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildWithSwift}, distclass=BinaryDistribution)
