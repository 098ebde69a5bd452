# Intranet chat widget (widget/, channels/widget.py) and terminal chat (clients/terminal.py).
# Their tests (tests/system/test_widget_browser.py, tests/system/test_terminal.py, tests/test_terminal_client.py)
# run with the rest of tests/ in `make test-unit`; the browser is Debian's chromium, driven by Playwright
# (no browser download).
# The emoji font draws the feedback buttons (👍 👎) in the screenshots taken by the browser tests.
TEST_SYSTEM_PACKAGES += chromium fonts-noto-color-emoji

.PHONY: test-widget widget-screenshot

# Only the widget and terminal tests (real assistant + headless chromium).
test-widget: install-dev $(MODEL)
	$(BIN)/python -m pytest -q tests/system/test_widget_browser.py tests/system/test_terminal.py \
		tests/test_terminal_client.py

# Refreshes docs/widget.png (desktop) and docs/widget-phone.png (phone, details opened): the browser
# tests that ask about Rennes save them.
widget-screenshot: install-dev $(MODEL)
	WIDGET_SCREENSHOT=docs/widget.png $(BIN)/python -m pytest -q tests/system/test_widget_browser.py \
		-k "demo_page_answers or phone_sized_screen"
