# IMOS Case Explorer in a container:
#   docker build -t imos-case-explorer . && docker run -p 8501:8501 imos-case-explorer
#
# The base image is pinned to an exact Python and Debian release. Pin its digest as well
# on a machine with a Docker daemon (none was available where this file was written):
#   docker pull python:3.11.14-slim-bookworm
#   docker inspect --format '{{index .RepoDigests 0}}' python:3.11.14-slim-bookworm
# and write the result here as FROM python:3.11.14-slim-bookworm@sha256:<digest>.
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt \
 && useradd --create-home --uid 10001 app
# The code belongs to root and is read-only to the app user (.dockerignore keeps tests,
# the benchmark and CI out of the image).
COPY . .
RUN chmod -R a+rX,go-w /app
USER app

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["python", "deploy/healthcheck.py", "http://127.0.0.1:8501"]
CMD ["streamlit", "run", "dashboard.py", "--server.port=8501", "--server.address=0.0.0.0"]
