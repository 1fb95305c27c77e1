# The decision service: slim Python, the embedded engine (no OPA needed at run
# time: the compiled policy is part of the image), gunicorn, a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    OSD_DATA_DIR=/var/lib/osd PROMETHEUS_MULTIPROC_DIR=/tmp/osd-metrics

WORKDIR /app
COPY pyproject.toml README.md ./
COPY decision_service ./decision_service
COPY adapters ./adapters
COPY regulations ./regulations
COPY policies ./policies
COPY calendar ./calendar
COPY tests/scenarios ./tests/scenarios
COPY examples ./examples
RUN pip install --no-cache-dir -e . \
    && useradd --system --uid 10001 --home /var/lib/osd osd \
    && mkdir -p /var/lib/osd && chown osd /var/lib/osd

USER osd
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2).status == 200 else 1)"
CMD ["osd", "serve", "--host", "0.0.0.0", "--port", "8000"]
