"""Custom Rasa NLU components of the assistant (referenced from config.yml by their module path)."""
