# Measured quality and speed: NLU evaluation, conversation tests, benchmarks, not-understood report.
# The gates that CI enforces stay in the Makefile's test-nlu / test-conversations targets.

.PHONY: evaluate evaluate-realistic compare-pipelines bench bench-compare bench-store report-fallbacks

# Full evaluation into reports/: NLU reports + confusion matrix, conversation tests, short summary.
# Conversations run end to end (--e2e: the text of each user turn goes through the NLU too, which
# test-conversations does not check). Both runs always complete (a failing story is listed, not
# fatal) so the summary sees everything; the summary exits non-zero when a gate is missed.
# Then the length of the first message a user reads (issue 12): every story's user turns sent to the
# production entry point (scripts/serve http on ANSWER_PORT / ANSWER_ACTION_PORT, throw-away store),
# median words of the first bot message over the answered questions, and raw URLs in any message text
# (scripts/answer_length.py -> reports/answer_length.json, summarised with the rest). Last, the frozen
# realistic set (below), per failure class, against its floors, and the held-out halves of the later
# independent sets (tests/realistic/holdout_*.yml) against theirs.
ANSWER_PORT ?= 5205
ANSWER_ACTION_PORT ?= 5255
evaluate: $(MODEL)
	@mkdir -p reports
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/nlu/test_nlu.yml --out reports
	$(BIN)/rasa test core --e2e --model $(MODEL) --stories tests/stories --out reports/core
	-$(BIN)/python scripts/answer_length.py --serve --url http://127.0.0.1:$(ANSWER_PORT) \
		--action-port $(ANSWER_ACTION_PORT) --out reports/answer_length.json
	-$(BIN)/python scripts/realistic_eval.py --serve --url http://127.0.0.1:$(REALISTIC_PORT) \
		--action-port $(REALISTIC_ACTION_PORT) --out reports/realistic.json > reports/realistic.txt
	-$(BIN)/python scripts/realistic_eval.py --serve --url http://127.0.0.1:$(REALISTIC_PORT) \
		--action-port $(REALISTIC_ACTION_PORT) --cases tests/realistic/holdout_*.yml \
		--min-single 0 --min-multi 0 --out reports/holdout.json > reports/holdout.txt
	$(BIN)/python scripts/evaluate.py reports

# Frozen realistic test set (tests/realistic/cases.yml, written without reading the training data):
# checks on the answers, end to end. Starts the production entry point (scripts/serve http) on
# REALISTIC_PORT / REALISTIC_ACTION_PORT with a throw-away conversation store, runs the set, stops it;
# exits non-zero under the floors. Against an assistant already running, call the script directly:
#   .venv/bin/python scripts/realistic_eval.py --url http://127.0.0.1:5005 --out reports/realistic.json
# Report: reports/realistic.json (+ failing cases printed with the answer received).
REALISTIC_PORT ?= 5105
REALISTIC_ACTION_PORT ?= 5155
evaluate-realistic: $(MODEL)
	@mkdir -p reports
	$(BIN)/python scripts/realistic_eval.py --serve --url http://127.0.0.1:$(REALISTIC_PORT) \
		--action-port $(REALISTIC_ACTION_PORT) --out reports/realistic.json

# Three pipelines, same train/test split (minutes on 2 cores: run it by hand, not in CI).
compare-pipelines: install-dev
	$(BIN)/python scripts/compare_pipelines.py --out docs/benchmarks.md

# Full training time, then the real stack on loopback: cold start, REST latency at 1/8/32
# conversations, throughput, memory (a few minutes on 2 cores).
bench: install-dev $(MODEL)
	$(BIN)/python scripts/bench.py --train --out reports/bench.json --plot reports/bench.png --doc docs/benchmarks.md
	$(BIN)/python scripts/bench_places.py

# The same run, then Rasa's own default configuration trained on the same data, served and measured the
# same way, plus both intent F1: a side-by-side table in docs/benchmarks.md (about 30 minutes).
bench-compare: install-dev $(MODEL)
	$(BIN)/python scripts/bench.py --train --compare-default --out reports/bench.json --plot reports/bench.png \
		--doc docs/benchmarks.md

# What the SQL conversation store reads and writes per message, by session length, Rasa's own methods
# against rasa_patches.speedups (throw-away SQLite files, one minute).
bench-store: install-dev
	$(BIN)/python scripts/bench_store.py

# Messages the assistant did not understand, from the conversation store, as a CSV to annotate.
report-fallbacks: install
	$(BIN)/python scripts/report_fallbacks.py --endpoints endpoints.yml --out reports/fallbacks.csv
