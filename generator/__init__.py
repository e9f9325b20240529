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

__all__ = ["__version__", "build_campaign", "build_file", "load_valid", "validate_files"]


def __getattr__(name: str) -> object:
    # The public API lives in .build; importing it lazily keeps `thidua --help` fast.
    if name in __all__:
        from . import build
        return getattr(build, name)
    raise AttributeError(name)
