"""Ingestion: files and uploads to Documents (readers by suffix, cleaning, manifest, metadata,
near-duplicates). One bad file never stops the rest; nothing the user gave is modified."""
