"""The web app's own tables (accounts, submissions, versions) as plain versioned SQL, applied
by :mod:`generator.store.backend` under the Schema ``generator.store.submissions.WEB`` with its
own version table, ``web_schema_version`` — so they can share a database with the register."""
