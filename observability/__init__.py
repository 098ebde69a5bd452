"""What the team running the assistant sees of it: Prometheus metrics (``/metrics``)."""
