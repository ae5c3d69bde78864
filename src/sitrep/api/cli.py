"""`sitrep serve` and `sitrep token`: the web desk's commands (added to sitrep.cli.main).

sitrep serve [--db sitrep.db] [--host 127.0.0.1] [--port 8000] [--open-reads]
sitrep token create --name NAME [--db]     prints the token once; only its hash is stored
sitrep token list [--db]
sitrep token revoke --name NAME [--db]
"""

from __future__ import annotations

__all__ = ["serve", "token"]

from datetime import UTC, datetime

import click

from sitrep.errors import SitrepError

_DB = click.option(
    "--db",
    default="sitrep.db",
    envvar="SITREP_DB",
    show_default=True,
    help="The store: a SQLite file, or postgresql://user@host/name (default: $SITREP_DB, else sitrep.db).",
)


@click.command()
@_DB
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; another one exposes the desk to the network.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--open-reads", is_flag=True, help="Let any client read without a token (default: only this machine).")
def serve(db: str, host: str, port: int, open_reads: bool) -> None:
    """Serve the REST API and the web desk (map, timeline, table, evidence, corrections)."""
    import uvicorn

    from sitrep.api import Settings, create_app
    from sitrep.api.settings import LOOPBACK_HOSTS
    from sitrep.store import open_store

    try:
        open_store(db).close()  # create or migrate now, so a bad --db fails here, not at the first request
    except SitrepError as error:
        raise click.ClickException(str(error)) from None
    loopback = host in LOOPBACK_HOSTS
    settings = Settings(db=db, open_reads=open_reads, allowed_hosts=LOOPBACK_HOSTS if loopback else None)
    app = create_app(settings)
    if app.state.settings.vendor_dir is None:
        click.echo(
            "sitrep: the page's libraries are missing (run `make install`, which runs npm ci); the API works.", err=True
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"sitrep: the desk is at http://{shown}:{port}/ (API docs: /docs, spec: /openapi.json)", err=True)
    if not loopback:
        click.echo(f"sitrep: listening on {host}: reads from other machines need a token unless --open-reads", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.group()
def token() -> None:
    """Manage the API tokens that writes (corrections, reviews, uploads) need."""


@token.command("create")
@_DB
@click.option("--name", required=True, help="Who the token is for; recorded with every change made with it.")
def token_create(db: str, name: str) -> None:
    """Create a token and print it (once: only its hash is kept)."""
    from sitrep.store import open_store
    from sitrep.store.tokens import create_token

    try:
        with open_store(db) as store:
            secret = create_token(store, name)
            where = store.db.name
    except SitrepError as error:
        raise click.ClickException(str(error)) from None
    click.echo(secret)
    click.echo(f"sitrep: token for {name!r} created in {where}; it is shown only this once.", err=True)


@token.command("list")
@_DB
def token_list(db: str) -> None:
    """List token names and when they were created and last used."""
    from sitrep.store import open_store
    from sitrep.store.tokens import list_tokens

    try:
        with open_store(db) as store:
            tokens = list_tokens(store)
    except SitrepError as error:
        raise click.ClickException(str(error)) from None
    for info in tokens:
        used = _when(info.last_used_at) if info.last_used_at else "never used"
        click.echo(f"{info.name}\tcreated {_when(info.created_at)}\t{used}")


@token.command("revoke")
@_DB
@click.option("--name", required=True, help="The token's name.")
def token_revoke(db: str, name: str) -> None:
    """Revoke a token: requests that use it fail from now on."""
    from sitrep.store import open_store
    from sitrep.store.tokens import revoke_token

    try:
        with open_store(db) as store:
            revoke_token(store, name)
    except SitrepError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"sitrep: token {name!r} revoked", err=True)


def _when(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")
