"""Background work for the stored verdicts, run by the django-tasks database worker."""

from django.tasks import task

from samverkan.compliance import stored
from samverkan.compliance.models import VerdictRun


@task()
def refresh_marked(network_ids: list[int], everything: bool = False) -> int:
    """Enqueued once per committed transaction that touched networks (compliance/marks.py):
    re-evaluates those still marked; a later task finding no mark does nothing."""
    evaluated = stored.refresh_marked(network_ids, everything=everything)
    if stored.killed_run_exists():
        refresh_all_verdicts.enqueue()
    return evaluated


@task()
def refresh_all_verdicts(kind: str = VerdictRun.Kind.NIGHTLY) -> dict[str, int]:
    """Every network, in batches; resumes a run whose worker was killed."""
    run = stored.refresh_all(kind=kind)
    return {"networks": run.networks, "peak_rss_kb": run.peak_rss_kb}
