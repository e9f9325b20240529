"""The checker's rules, one module per part of a document: ``page`` (page set-up, fonts,
Unicode), ``header`` (Quốc hiệu, issuer, number, place and date, title), ``body`` (căn cứ,
body, Nơi nhận, signature) and ``certificate`` (Bằng khen, Giấy khen). ``base`` holds the table
of rule identifiers (``RULES``) and the helpers every rule uses.

A new rule goes in the module of the part it looks at, with its identifier and citation added
to ``base.RULES`` and to docs/check-rules.md.
"""
