# One target per Recast service over a shared base layer: each image carries the base dependencies plus
# its own extra from pyproject.toml, so scaling the lead-magnet writer never pulls a speech model.
#   docker build --target transcriber -t recast-transcriber .
# docker-compose.yml builds each service's target. Versions come from requirements.lock (`make lock`).
FROM python:3.11-slim-bookworm AS base

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --gid 10001 recast \
    && useradd --uid 10001 --gid recast --create-home --shell /usr/sbin/nologin recast

WORKDIR /app

# Dependencies get their own layers: with only pyproject.toml, the lock and empty package folders, an
# install pulls just the dependencies, so a code change rebuilds only the COPY layers of each target.
COPY pyproject.toml requirements.lock ./
RUN mkdir shared services \
    && pip install --constraint requirements.lock . \
    && rm -rf build ./*.egg-info shared services

# `faststream run` puts the working directory first on sys.path, so each service runs from /app with
# the shared package and its own folder only. The healthcheck is `python -m shared.health ready`.
COPY shared ./shared
COPY services/__init__.py ./services/__init__.py


FROM base AS with-ffmpeg
# ffmpeg decodes uploads (ingest checks them, the transcriber transcribes them).
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*


FROM with-ffmpeg AS ingest
COPY services/ingest ./services/ingest
USER recast
CMD ["faststream", "run", "services.ingest.app:app"]


FROM with-ffmpeg AS transcriber
# PyPI's torch wheel is the multi-GB CUDA build; the CPU index serves the same version without it.
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
# torch first, so nothing later resolves it from PyPI; openai-whisper with --no-deps because its
# triton pin adds ~1 GB that a CPU never uses, and resemblyzer (speaker diarization) with --no-deps because
# it asks for webrtcvad, which only builds from source (their real needs come with the transcriber extra).
RUN pip install --index-url "${TORCH_INDEX_URL}" torch==2.13.0 \
    && pip install --no-deps openai-whisper==20250625 \
    && pip install --no-deps resemblyzer==0.1.4 \
    && mkdir -p services \
    && pip install --constraint requirements.lock ".[transcriber]" \
    && rm -rf build ./*.egg-info
COPY services/transcriber ./services/transcriber
# The transcriber joins the base model and converts openai-whisper checkpoints on first use; /app is
# read-only to this user, its home is not.
ENV RECAST_CHECKPOINT_DIR=/home/recast/.cache/recast-models
USER recast
CMD ["faststream", "run", "services.transcriber.app:app"]


FROM base AS insights
RUN pip install --constraint requirements.lock ".[insights]" && rm -rf build ./*.egg-info
COPY services/insights ./services/insights
USER recast
CMD ["faststream", "run", "services.insights.app:app"]


FROM base AS lead-magnet-writer
# pango and harfbuzz let WeasyPrint print the lead-magnet PDF.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
       fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --constraint requirements.lock ".[lead-magnet-writer]" \
    && rm -rf build ./*.egg-info
COPY services/lead_magnet_writer ./services/lead_magnet_writer
USER recast
CMD ["faststream", "run", "services.lead_magnet_writer.app:app"]


FROM base AS framework-article-writer
RUN pip install --constraint requirements.lock ".[framework-article-writer]" && rm -rf build ./*.egg-info
COPY services/framework_article_writer ./services/framework_article_writer
USER recast
CMD ["faststream", "run", "services.framework_article_writer.app:app"]


FROM base AS scoreboard
# Both rails' scoreboards and the webhook receiver (port 8080): nothing beyond the base set.
RUN pip install --constraint requirements.lock ".[scoreboard]" && rm -rf build ./*.egg-info
COPY services/scoreboard ./services/scoreboard
USER recast
EXPOSE 8080
CMD ["faststream", "run", "services.scoreboard.app:app"]
