"""The ``recast`` command: what users and operators run against a Recast deployment."""
