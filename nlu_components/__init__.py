"""Custom Rasa NLU components of the assistant (referenced from config.yml by their module path).

Rasa imports this package whenever it loads or trains the model, before building the DIET and TED
models: the one place where the Rasa patches are applied (see rasa_patches).
"""

import rasa_patches

rasa_patches.apply()
