"""Answering: from a resident's text to a short, sourced reply over one knowledge snapshot."""
