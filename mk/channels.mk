# Slack and Microsoft Teams channels (channels/slack.py, channels/teams.py; README « Slack », « Microsoft Teams »).
# Their tests (tests/system/test_slack_channel.py, tests/system/test_teams_channel.py, and without servers
# tests/test_slack_helpers.py, tests/test_teams_helpers.py, tests/test_channel_tasks.py) run in `make test-unit`.
TEAMS_PACKAGE ?= var/teams/assistant-achats-durables.zip
CHANNEL_TESTS := tests/system/test_slack_channel.py tests/system/test_teams_channel.py tests/test_slack_helpers.py \
	tests/test_teams_helpers.py tests/test_channel_tasks.py tests/test_reply_rendering.py

.PHONY: test-channels teams-package payload-screenshots

# Only the Slack and Teams tests (one assistant per channel, fake Slack / Microsoft on loopback).
test-channels: install-dev $(MODEL)
	$(BIN)/python -m pytest -q $(CHANNEL_TESTS)

# Teams app package to upload in Teams: needs TEAMS_APP_ID and TEAMS_HOST.
teams-package: install
	$(BIN)/python deploy/teams/package.py $(TEAMS_PACKAGE)

# Pictures of what Slack and Teams receive for one answer (docs/slack-payload.png, docs/teams-payload.png,
# with the JSON next to them): the channels' own payloads drawn by an HTML mock-up in headless chromium,
# captioned as such (no Slack or Teams client involved).
payload-screenshots: install-dev
	$(BIN)/python scripts/render_payloads.py --out docs
