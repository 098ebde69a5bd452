# Production: persistent conversations, scale-out on real servers, security and bad-input suites,
# deployment files, data retention. README « Mise en production ».

# Real servers the scale-out test starts on loopback (PostgreSQL, Redis, nginx); docker-compose
# (Debian's, no engine needed) validates deploy/docker-compose.yml.
TEST_SYSTEM_PACKAGES += postgresql redis-server nginx docker-compose
# No TEST_TARGETS: test-unit (pytest over tests/) already runs every suite of this fragment once.

# endpoints.yml reads settings (Rasa refuses an unset ${VAR}): every default of deploy/defaults.env
# is exported unless the environment sets it, as scripts/serve does.
DEFAULT_SETTINGS := $(shell sed -n 's/^\([A-Z][A-Z0-9_]*\)=\([^ ]*\)$$/\1=\2/p' deploy/defaults.env)
$(foreach setting,$(DEFAULT_SETTINGS),$(eval export $(firstword $(subst =, ,$(setting))) ?= $(word 2,$(subst =, ,$(setting)))))

PRODUCTION_TESTS := tests/test_guard.py tests/system/test_bad_input.py tests/system/test_resilience.py \
	tests/system/test_persistence.py tests/system/test_scale_out.py

.PHONY: test-production validate-deploy purge-conversations

# The production suites alone (make test runs them through test-unit); figures are printed either way.
test-production: install-dev $(MODEL)
	$(BIN)/python -m pytest -q -s $(PRODUCTION_TESTS)

# Deployment files: YAML parses, compose file is coherent, nginx accepts its configuration.
validate-deploy: install-dev
	$(BIN)/python -m pytest -q tests/test_deploy.py tests/system/test_deploy_servers.py

# Deletes conversations whose last message is older than DAYS days (default: RETENTION_DAYS or 90).
DAYS ?= $(or $(RETENTION_DAYS),90)
purge-conversations: install
	@mkdir -p var
	$(BIN)/python scripts/purge_conversations.py --days $(DAYS)
