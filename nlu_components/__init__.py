"""Custom Rasa NLU components of the assistant (referenced from config.yml by their module path).

Rasa imports this package whenever it loads the model, before building the DIET and TED models:
the measured loading and serving speed-ups are installed here (see rasa_speedups).
"""

import rasa_speedups

rasa_speedups.apply()
