# Claim Atlas dashboard: docker build -t claimatlas . && docker run -p 8501:8501 -v atlas-data:/data claimatlas
# Two Streamlit processes behind nginx (serve.py); give the container two cores or more.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    CLAIMATLAS_STORE_PATH=/data/claimatlas.duckdb \
    CLAIMATLAS_GEO_CACHE=/data/geo-cache

# nginx spreads the sessions of a shared link over several Streamlit processes (serve.py).
RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*
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
CMD ["python", "serve.py", "--workers=2", "--port=8501", "--address=0.0.0.0"]
