"""thidua: Vietnamese emulation-movement paperwork as Nghị định 30/2020 Word documents.

Use it from Python without the command line::

    from generator import build_campaign, validate_files
    build_campaign(Path("samples/vpcp-covid19-2021"), Path("out"))
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("thidua")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"

from .build import build_campaign, build_file, load_valid, validate_files  # noqa: E402

__all__ = ["__version__", "build_campaign", "build_file", "load_valid", "validate_files"]
