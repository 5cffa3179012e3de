"""Background work of allocation plans (django-tasks): solving a run."""

from django_tasks import task


@task()
def solve_run(*, run_id: int) -> str:
    """Build the engine's input, solve, store the result; returns the run's status."""
    from .solving import execute

    return execute(run_id)
