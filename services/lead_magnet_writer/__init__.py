"""Content-marketing rail: gated lead magnets written from a recording's insights."""

from services.lead_magnet_writer.settings import LeadMagnetSettings
from services.lead_magnet_writer.writer import (
    IncompleteLeadMagnetError,
    LeadMagnet,
    LeadMagnetWriter,
    check_lead_magnet,
    choose_format,
)

__all__ = [
    "IncompleteLeadMagnetError",
    "LeadMagnet",
    "LeadMagnetSettings",
    "LeadMagnetWriter",
    "check_lead_magnet",
    "choose_format",
]
