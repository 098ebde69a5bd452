# Production: persistent conversations, scale-out on real servers, security and bad-input suites,
# deployment files, data retention. README « Mise en production ».

# Real servers the scale-out test starts on loopback (PostgreSQL, Redis, nginx); docker-compose
# (Debian's, no engine needed) validates deploy/docker-compose.yml.
SYSTEM_PACKAGES += postgresql redis-server nginx docker-compose
# No TEST_TARGETS: test-unit (pytest over tests/) already runs every suite of this fragment once.

# endpoints.yml reads these (Rasa refuses an unset ${VAR}); scripts/serve has the same defaults.
export TRACKER_STORE_URL ?= sqlite:///var/conversations.db
export LOCK_STORE_TYPE ?= in_memory
export REDIS_HOST ?= 127.0.0.1
export REDIS_PORT ?= 6379
export REDIS_PASSWORD ?=
export REDIS_LOCK_DB ?= 1
export SANIC_REQUEST_MAX_SIZE ?= 65536

PRODUCTION_TESTS := tests/test_guard.py tests/test_bad_input.py tests/test_persistence.py tests/test_scale_out.py

.PHONY: test-production validate-deploy purge-conversations

# The production suites alone (make test runs them through test-unit); figures are printed either way.
test-production: install $(MODEL)
	$(BIN)/python -m pytest -q -s $(PRODUCTION_TESTS)

# Deployment files: YAML parses, compose file is coherent, nginx accepts its configuration.
validate-deploy: install
	$(BIN)/python -m pytest -q tests/test_deploy.py

# Deletes conversations whose last message is older than DAYS days (default: RETENTION_DAYS or 90).
DAYS ?= $(or $(RETENTION_DAYS),90)
purge-conversations: install
	@mkdir -p var
	$(BIN)/python scripts/purge_conversations.py --days $(DAYS)
