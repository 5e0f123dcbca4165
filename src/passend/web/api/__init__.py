"""REST API over the same data, scope and suppression as the pages (DRF, token auth)."""
