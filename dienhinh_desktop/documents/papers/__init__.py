"""One module per family of papers; each declares EXPORTS."""
