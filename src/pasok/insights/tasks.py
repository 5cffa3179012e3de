"""Background work of the insights app (django-tasks)."""

from django_tasks import task


@task()
def scenario_run(*, scenario_id: int) -> str:
    """Run a saved scenario on today's data; returns its status."""
    from .services.scenarios import execute

    return execute(scenario_id)
