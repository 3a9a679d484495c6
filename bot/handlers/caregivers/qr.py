"""The invite link as a QR code image, for a caregiver sitting beside the patient."""

import io

import segno

# Scale 8 px per module with the standard 4-module quiet zone (ISO/IEC 18004) reads well on
# a phone screen photographed by another phone; error level M survives a little glare.
_SCALE = 8


def qr_png(url: str) -> bytes:
    """Return a PNG of the QR code of `url`."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=_SCALE, border=4)
    return buffer.getvalue()
