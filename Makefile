# Okr — the two commands a newcomer needs are `make run` and `make test`.
.PHONY: run test stop clean openapi migration bench help

help:
	@echo "make run      start Okr (PostgreSQL, API, web app, demo data) on http://127.0.0.1:5080"
	@echo "make test     run every test; the last line is 'N passed, N failed'"
	@echo "make stop     stop the API and the local PostgreSQL started by make run"
	@echo "make clean    stop, then delete local data (.okr/) and build output"
	@echo "make openapi  refresh openapi.yaml from the running code"
	@echo "make bench    measure the alignment tree (10,000 objectives) and a 100,000-row import (docs/benchmarks.md)"
	@echo "make migration NAME=AddSomething  add an EF Core migration"

run:
	@scripts/run.sh

test:
	@scripts/test.sh

stop:
	@if [ -f .okr/api.pid ]; then kill $$(cat .okr/api.pid) 2>/dev/null || true; rm -f .okr/api.pid; fi
	@if [ -d "$${OKR_PG_DIR:-.okr/pg}" ]; then scripts/pg.sh stop "$${OKR_PG_DIR:-.okr/pg}"; fi

clean: stop
	rm -rf .okr api/bin api/obj tests/*/bin tests/*/obj tests/artifacts web/dist web/node_modules

openapi:
	OKR_UPDATE_OPENAPI=1 OKR_TEST_FILTER="FullyQualifiedName~OpenApiContractTests" scripts/test.sh

bench:
	@scripts/bench.sh

migration:
	@test -n "$(NAME)" || (echo "usage: make migration NAME=AddSomething"; exit 1)
	dotnet tool restore && OKR_DATABASE="$${OKR_DATABASE:-Host=localhost;Database=design_time_only}" dotnet ef migrations add $(NAME) --project api -o Infrastructure/Persistence/Migrations
