"""Clients of a running assistant: they talk to its REST channel over HTTP (not Rasa input channels)."""
