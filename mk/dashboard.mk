# Maintainers' dashboard (reporting/, README « Tableau de bord des mainteneurs »): one self-contained
# HTML page from the conversation store of endpoints.yml. Its tests (tests/test_dashboard.py, tests/system/test_dashboard_browser.py) run in
# `make test-unit`; the browser one uses Debian's chromium (mk/widget.mk).

.PHONY: report test-dashboard dashboard-screenshot

# What the report needs on top of `install`: plotly only (no test tool, no browser), so that it can run
# on a production server against PostgreSQL.
$(VENV)/.installed-report: $(VENV)/.installed requirements-report.txt
	$(BIN)/pip install --quiet -r requirements-report.txt
	$(BIN)/pip check
	@touch $@

# requirements-dev.txt includes requirements-report.txt.
$(VENV)/.installed-dev: requirements-report.txt

# reports/dashboard.html (+ reports/fallbacks.csv, the same CSV as make report-fallbacks).
# SINCE=AAAA-MM-JJ keeps only the messages from that day on.
SINCE ?=
report: install $(VENV)/.installed-report
	$(BIN)/python -m reporting --endpoints endpoints.yml --out reports/dashboard.html \
		--csv reports/fallbacks.csv $(if $(SINCE),--since $(SINCE))

# Only the dashboard tests: figures on hand-built events, then real conversations through the running
# assistant (scripts/serve http, fresh SQLite store), the report, the page in headless chromium.
test-dashboard: install-dev $(MODEL)
	$(BIN)/python -m pytest -q tests/test_dashboard.py tests/system/test_dashboard_browser.py

# Refreshes docs/dashboard.png (the browser test saves the whole page).
dashboard-screenshot: install-dev $(MODEL)
	DASHBOARD_SCREENSHOT=docs/dashboard.png $(BIN)/python -m pytest -q tests/system/test_dashboard_browser.py
