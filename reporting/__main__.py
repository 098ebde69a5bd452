"""python -m reporting: the maintainers' dashboard (make report).

As scripts/serve and the Makefile do, every setting endpoints.yml reads gets its default from
deploy/defaults.env when the environment does not set it (Rasa refuses an unset ${VAR}).
"""

import sys

from reporting.cli import apply_defaults, main

apply_defaults()
sys.exit(main())
