"""Curation: staff files in, validated and audited changes to the knowledge store, files out."""
