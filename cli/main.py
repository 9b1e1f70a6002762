"""Entry point of the ``recast`` command. Each command lives in its own module and is registered here."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="recast",
    help="Upload recordings, follow them through the pipeline and fetch both rails' outputs.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main() -> None:
    """Connection settings come from the environment: KAFKA_BOOTSTRAP_SERVERS, S3_ENDPOINT_URL, RECAST_BUCKET."""


if __name__ == "__main__":
    app()
