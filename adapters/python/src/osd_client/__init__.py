"""A client of the open data decision service (``osd``): decisions one at a time or
by the thousand, classifications, deadlines, comparisons, the regulations and the
vocabularies, with errors as exceptions and catalogue records mapped to requests.

    from osd_client import Client
    client = Client("http://127.0.0.1:8000", key="osd_...")
    decision = client.decide({"jurisdiction": "wuxi", "action": "open", ...})
    print(decision["outcome"], decision["deadline"])   # deadline: null unless a time limit applies
"""

from .client import Client
from .errors import (
    Conflict,
    Forbidden,
    IdempotencyKeyReused,
    InvalidRequest,
    NotFound,
    OsdError,
    TransportError,
    Unauthorized,
    Unavailable,
)
from .mapping import CATALOGUE, CKAN, FieldMap, Vocabulary, catalogue_request, ckan_request, requests_for
from .webhooks import WebhookError, verify_webhook

__all__ = [
    "CATALOGUE", "CKAN", "Client", "Conflict", "FieldMap", "Forbidden", "IdempotencyKeyReused", "InvalidRequest",
    "NotFound", "OsdError", "TransportError", "Unauthorized", "Unavailable", "Vocabulary", "catalogue_request",
    "ckan_request", "requests_for", "verify_webhook", "WebhookError",
]
__version__ = "0.1.0"
