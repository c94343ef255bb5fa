# Claim Atlas dashboard: docker build -t claimatlas . && docker run -p 8501:8501 -v atlas-data:/data claimatlas
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    CLAIMATLAS_STORE_PATH=/data/claimatlas.duckdb \
    CLAIMATLAS_GEO_CACHE=/data/geo-cache

RUN useradd --create-home --uid 1000 atlas && mkdir /data && chown atlas /data
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=atlas . .

USER atlas
VOLUME /data
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"
CMD ["python", "-m", "streamlit", "run", "dashboard.py", "--server.port=8501", "--server.address=0.0.0.0", "--server.headless=true"]
