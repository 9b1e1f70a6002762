# One image for every Recast service; docker-compose.yml picks the service with
# `command: faststream run services.<name>.app:app`.
FROM python:3.11-slim-bookworm

# PyPI's torch wheel is the multi-GB CUDA build; the CPU index serves the same version without it.
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# ffmpeg decodes and resamples recordings; pango and harfbuzz let WeasyPrint print lead-magnet PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# torch first, so nothing later resolves it from PyPI; openai-whisper with --no-deps because its
# triton pin adds ~1 GB that a CPU never uses (its real needs come from the project's extra below).
RUN pip install --index-url "${TORCH_INDEX_URL}" torch==2.13.0 \
    && pip install --no-deps openai-whisper==20250625 resemblyzer==0.1.4

RUN groupadd --gid 10001 recast \
    && useradd --uid 10001 --gid recast --create-home --shell /usr/sbin/nologin recast

WORKDIR /app

# Dependencies get their own layer: with only pyproject.toml and empty package folders, the install
# pulls every dependency, so a code change rebuilds just the last layers below.
COPY pyproject.toml ./
RUN mkdir shared services infra cli \
    && pip install ".[openai-whisper,diarization]" \
    && rm -rf build ./*.egg-info shared services infra cli

COPY shared ./shared
COPY services ./services
COPY infra ./infra
COPY cli ./cli
# `faststream run` puts the working directory first on sys.path, so the services run from /app;
# the installed copy keeps `python -m` tools and entry points working from anywhere.
RUN pip install --no-deps --force-reinstall . \
    && rm -rf build ./*.egg-info

USER recast
