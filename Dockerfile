# Hamyar in a container. The install step is deploy/install.sh — the same script that
# tests/test_ops_install.py runs on a fresh venv here (these machines cannot pull images,
# so the image itself was not built here; see README «Running it on a server»).
FROM python:3.11-slim

# pg_dump/pg_restore for `hamyar backup` / `hamyar restore` on PostgreSQL.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/hamyar --create-home hamyar

WORKDIR /opt/hamyar/src
COPY . .
RUN sh deploy/install.sh /opt/hamyar/venv

ENV PATH=/opt/hamyar/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    LOG_FORMAT=json \
    DATABASE_URL=sqlite+aiosqlite:////var/lib/hamyar/data/hamyar.db \
    BACKUP_DIR=/var/lib/hamyar/backups \
    HEALTH_LISTEN=0.0.0.0 \
    HEALTH_PORT=8090
USER hamyar
WORKDIR /var/lib/hamyar
VOLUME ["/var/lib/hamyar"]
EXPOSE 8090 8443

HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8090/healthz', timeout=8).status != 200)"]
# docker stop sends SIGTERM: the bot finishes the updates and the outbox send in progress.
STOPSIGNAL SIGTERM
CMD ["hamyar", "run"]
