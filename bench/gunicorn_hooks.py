"""The one production hook the benchmark's gunicorn keeps (bench/run.py, `-c` this file): a new
worker warms up before its first request, as deploy/gunicorn.conf.py's post_worker_init does
(samverkan/site/warmup.py). Everything else is the benchmark's own (2 sync workers, as the
figures of issue 17 were taken). `bench/run.py --no-warm-up` measures without it."""

import os


def post_worker_init(worker: object) -> None:
    if os.environ.get("SAMVERKAN_WEB_WARM_UP", "1").strip() == "0":
        return
    from samverkan.site.warmup import warm_up

    warm_up()
