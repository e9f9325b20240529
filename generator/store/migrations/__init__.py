"""The register's schema as plain versioned SQL, applied in order by
:mod:`generator.store.backend` (no Python here: this folder is a package only so that
importlib.resources finds its files in every kind of install)."""
