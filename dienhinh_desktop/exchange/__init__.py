"""Exchange between levels: packages (write, verify, read), importers of registration lists and decisions."""
