"""Entry point of the ``recast`` command. Each command lives in its own module and is registered here."""

from __future__ import annotations

import typer

from cli.dlq import app as dlq_app
from cli.get import get
from cli.reconcile import reconcile
from cli.replay import replay
from cli.scoreboard import scoreboard
from cli.status import status
from cli.upload import upload
from cli.watch import watch

app = typer.Typer(
    name="recast",
    help="Upload recordings, follow them through the pipeline and fetch both rails' outputs.",
    no_args_is_help=True,
    add_completion=False,
)


app.command()(upload)
app.command()(status)
app.command()(watch)
app.command()(get)
app.add_typer(dlq_app, name="dlq")
app.command()(reconcile)
app.command()(replay)
app.command()(scoreboard)


@app.callback()
def main() -> None:
    """Connection settings come from the environment: KAFKA_BOOTSTRAP_SERVERS, S3_ENDPOINT_URL, RECAST_BUCKET."""


if __name__ == "__main__":
    app()
