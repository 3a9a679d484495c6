# calcibot: Telegram bot for calcium, vitamin D and K reminders.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PTB_TIMEDELTA=1 \
    DATABASE_URL=sqlite+aiosqlite:////data/calcibot.db

WORKDIR /app
COPY requirements.lock ./
RUN pip install -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY scheduler ./scheduler
COPY storage ./storage
COPY services ./services
COPY nutrition ./nutrition
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 calcibot \
    && mkdir -p /data \
    && chown calcibot /data

USER 10001
# Build matplotlib's font cache now, so the first /report does not wait for it.
RUN python -c "from matplotlib import font_manager; font_manager.findfont('DejaVu Sans')"
VOLUME ["/data"]
CMD ["calcibot", "run"]
