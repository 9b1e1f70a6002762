"""Per-rail scoreboards: engagement webhooks in, leads for lead magnets and influence for articles out."""
