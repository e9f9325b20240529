"""thidua: Vietnamese emulation-movement paperwork as Nghị định 30/2020 Word documents.

Use it from Python without the command line::

    from generator import build_campaign, validate_files
    build_campaign(Path("samples/vpcp-covid19-2021"), Path("out"))
"""

__all__ = ["__version__", "build_campaign", "build_file", "load_valid", "validate_files"]


def _version() -> str:
    """thidua's version from its installed metadata. The first thidua-*.dist-info or
    *.egg-info on sys.path is read directly, as importlib.metadata would find it: importing
    importlib.metadata costs `thidua --version` more than all the rest of its start-up."""
    import os
    import sys
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            stem, _, suffix = name.rpartition(".")
            if suffix not in ("dist-info", "egg-info") or \
                    stem.split("-")[0].lower().replace("_", "-") != "thidua":
                continue
            meta = os.path.join(entry or ".", name,
                                "METADATA" if suffix == "dist-info" else "PKG-INFO")
            try:
                with open(meta, encoding="utf-8") as handle:
                    for line in handle:
                        if line.startswith("Version:"):
                            return line.split(":", 1)[1].strip()
                        if not line.strip():
                            break
            except OSError:
                continue
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("thidua")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0.0.0"


def __getattr__(name: str) -> object:
    # The version and the public API (in .build) are read lazily: importlib.metadata and the
    # documents' libraries would cost `thidua --help` most of its start-up.
    if name == "__version__":
        globals()["__version__"] = found = _version()
        return found
    if name in __all__:
        from . import build
        return getattr(build, name)
    raise AttributeError(name)
