"""Serve the site with gunicorn on 127.0.0.1, load it with wrk and print what README records."""

import io
import json
import logging
import os
import platform
import secrets
import subprocess
import sys
import tempfile
from datetime import date
from importlib.metadata import version
from pathlib import Path

import django
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from careers.catalog.models import CalibrationPersona, Proficiency
from careers.catalog.scoring_catalog import load_catalog
from careers.core.planning import catalog_to_dict
from careers.quiz.steps import quiz_catalog
from tests.benchmark import (
    fixtures,
    page_weight,
    queries,
    quick_quiz,
    quick_quiz_bound,
    report,
    result_size,
    visits,
    wrk,
)
from tests.benchmark.catalog_growth import grow_catalog
from tests.benchmark.database import throwaway_database
from tests.benchmark.server import gunicorn
from tests.benchmark.urls import BARE_PATH

FIRST_LOAD_PAGES = ("Landing", "Track comparison", "Track", "Level", "Quiz step", "Roadmap")
VISITORS = 24


class Command(BaseCommand):
    help = (
        "Benchmark the site: gunicorn on 127.0.0.1 with a throwaway copy of the configured "
        "database kind, wrk against the main pages and a bare Django view, queries per page as "
        "the catalog grows 10×, bytes per page, real visits' CPU, and what scoring costs per "
        "question the adaptive quiz chooses."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seconds", type=int, default=10, help="wrk run per page (10)")
        parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
        parser.add_argument(
            "--write-readme",
            nargs="?",
            const=str(Path(settings.BASE_DIR) / "README.md"),
            metavar="PATH",
            help="also write the figures between the benchmark markers of README.md (or PATH)",
        )
        parser.add_argument(
            "--visitors", type=int, default=VISITORS, help=f"real visits ({VISITORS})"
        )
        parser.add_argument(
            "--quick-sets",
            type=int,
            default=quick_quiz.SETS,
            help=f"answer sets the quick quiz is run on ({quick_quiz.SETS})",
        )
        parser.add_argument(
            "--quick-bound",
            type=int,
            default=quick_quiz_bound.SETS,
            help="answer sets the best rule the benchmark allows is run on "
            f"({quick_quiz_bound.SETS}; 0 skips it)",
        )
        parser.add_argument(
            "--visits-only",
            action="store_true",
            help="measure the real visits alone (a quick check while profiling); no README",
        )

    def handle(
        self,
        *args,
        seconds,
        connections,
        workers,
        write_readme,
        visits_only,
        visitors,
        quick_sets,
        quick_bound,
        **options,
    ):
        if not wrk.available():
            raise CommandError("wrk is not installed: apt-get install -y wrk")
        if settings.DEBUG:
            raise CommandError("Benchmark with DEBUG off (unset DJANGO_DEBUG).")
        # Never read or drop the real site's cached catalog in a shared cache.
        cache.key_prefix = "careers-benchmark"
        # Pages requested in this process (to count queries) are not traffic worth logging.
        logging.getLogger("careers.requests").setLevel(logging.WARNING)
        # A production-grade key, shared with the server so it can read the sessions made here.
        settings.SECRET_KEY = secrets.token_urlsafe(50)
        with tempfile.TemporaryDirectory() as folder, throwaway_database(Path(folder)):
            self.log("Seeding a throwaway database and collecting static files…")
            call_command("seed_catalog", stdout=io.StringIO())
            seed_catalog = catalog_to_dict(load_catalog())
            call_command("collectstatic", interactive=False, verbosity=0)
            visitor = fixtures.visitor()
            with gunicorn(workers, Path(folder) / "gunicorn.log") as server:
                if visits_only:
                    self.stdout.write(report.visits_line(visits.measure_visits(server, visitors)))
                    return
                base = server.base
                bare, loads = self.load(base, visitor, Path(folder), seconds, connections)
                first_loads, swap = self.weigh(base, visitor)
                self.log(f"{visitors} real visits, then as many requests to the bare view…")
                real_visits = visits.measure_visits(server, visitors)
            small = queries.count_all(visitor)
            result_bytes = result_size.measure(visitor)
            # After counting: reading the quiz's texts keeps them for the edition, and the
            # counts are of a first request after an edit, with the seed catalog as with 10×.
            quick_inputs = quick_quiz_inputs()
            self.log("Growing the catalog 10× and counting queries again…")
            grow_catalog(10)
            big = queries.count_all(fixtures.visitor())
            database = self.database_version()
        self.log(f"Timing scoring, and the quick quiz on {quick_sets} answer sets…")
        figures = report.Figures(
            machine=machine(database),
            setup=(
                f"gunicorn {version('gunicorn')} with {workers} sync workers and wrk "
                f"({connections} connections, 2 threads, {seconds} s per page) on the same "
                f"machine over 127.0.0.1; DEBUG off, the request log on, "
                f"{'the Redis cache' if settings.REDIS_URL else 'no shared cache'}."
            ),
            bare=bare,
            loads=loads,
            # rendered with the seed catalog, rendered with 10×, served kept (seed catalog)
            queries={page: (small[page][0], big[page][0], small[page][1]) for page in small},
            first_loads=first_loads,
            swap_bytes=swap,
            scoring=in_a_fresh_process("tests.benchmark.scoring_time.time_scoring", seed_catalog),
            quick_quiz=in_a_fresh_process(
                "tests.benchmark.quick_quiz.measure", seed_catalog, *quick_inputs, quick_sets
            ),
            quick_bound=in_a_fresh_process(
                "tests.benchmark.quick_quiz_bound.measure",
                seed_catalog,
                quick_inputs[0],
                quick_bound,
            )
            if quick_bound
            else None,
            visits=real_visits,
            result_bytes=result_bytes,
            postings=in_a_fresh_process("tests.benchmark.postings.measure", seed_catalog),
            visit_target=0.10 if connection.vendor == "sqlite" else 0.08,
        )
        block = report.markdown(figures)
        self.stdout.write(block)
        for miss in report.misses(figures):
            self.stdout.write(self.style.WARNING(f"Missed: {miss}"))
        if write_readme:
            readme = Path(write_readme)
            readme.write_text(report.replace_in_readme(readme.read_text(), block))
            self.log(f"Wrote the figures into {readme}.")

    def log(self, message: str) -> None:
        self.stderr.write(message)

    def load(self, base, visitor, folder, seconds, connections):
        # The same for everyone (a first visit, no session), then one person's own pages (their
        # session), by the names report.LOAD_TARGETS and report.PER_PERSON use.
        pages = {
            "Landing": ("/", {}),
            "Track comparison": ("/tracks/", {}),
            "Quiz step, blank": ("/quiz/1/", {}),
            "Quiz step, with answers": ("/quiz/2/", visitor.cookie_header),
            "Roadmap": (f"/roadmap/{visitor.roadmap_token}/", visitor.cookie_header),
        }
        for path, headers in [(BARE_PATH, {}), *pages.values()]:  # each answers 200, warm
            page_weight.transfer(base + path, headers)

        def run(path: str, name: str, headers: dict) -> wrk.Load:
            self.log(f"wrk {seconds} s: {name}")
            return wrk.run(base + path, folder, seconds, connections, headers=headers)

        bare = [run(BARE_PATH, "bare Django view", {})]
        loads = {name: run(path, name, headers) for name, (path, headers) in pages.items()}
        bare.append(run(BARE_PATH, "bare Django view again", {}))
        return bare, loads

    def weigh(self, base, visitor):
        by_name = {page.name: page for page in queries.pages(visitor)}
        first_loads = {}
        for name in FIRST_LOAD_PAGES:
            load = page_weight.first_load(base + by_name[name].path, visitor.cookie_header)
            first_loads[name] = (load.total, 1 + len(load.assets))
        swap = page_weight.transfer(
            base + by_name["Quiz step (htmx swap)"].path,
            {**visitor.cookie_header, "HX-Request": "true"},
        )
        return first_loads, swap.bytes

    def database_version(self) -> str:
        if connection.vendor == "sqlite":
            return f"SQLite {connection.Database.sqlite_version} (WAL)"
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"


def in_a_fresh_process(function: str, *args) -> dict:
    """module.function(*args) in a new Python process: the algorithm's time, not that of a
    process that has just served a load test (scoring is plain Python and needs no Django)."""
    module, name = function.rsplit(".", 1)
    code = f"import json, sys; from {module} import {name} as f; "
    code += "print(json.dumps(f(*json.load(sys.stdin))))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True, text=True,
        check=True, input=json.dumps(args),
    )  # fmt: skip
    return json.loads(done.stdout)


def quick_quiz_inputs() -> tuple[list[dict], dict[str, int]]:
    """The calibration personas' answers, and the words each question makes a person read as
    the quick quiz shows it (templates/careers/quiz.html): its text, hint and answers; a skill's
    examples are folded away, and the scale's explanations ("– never used it", …), the same on
    every skill question, are read once ("scale"). "full" is what the full questionnaire shows,
    examples included."""
    personas = list(CalibrationPersona.objects.values("skills", "preferences"))
    quiz = quiz_catalog()
    words, full = {}, 0
    for name, spec in quiz.one_by_one.items():
        labels = [label for _, label, _ in spec.choices]
        if name.startswith("skill:"):
            labels = [label.split(" – ")[0] for label in labels]  # the scale's words
        words[name] = len(" ".join([spec.legend, spec.hint, *labels]).split())
        if not name.startswith("screen:"):
            full += len(
                " ".join(
                    [spec.legend, spec.hint, *(f"{a} {b}" for _, a, b in spec.choices)]
                ).split()
            )
    scale = [label.partition(" – ")[2] for _, label in Proficiency.choices]
    words["scale"] = len(" ".join(scale).split())
    words["full"] = full
    return personas, words


def machine(database: str) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return (
        f"Measured on {date.today():%Y-%m-%d}: {cpu}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}, "
        f"Django {django.get_version()}, {database}, "
        f"{' '.join(wrk_version[:2]) if wrk_version else 'wrk'}."
    )
