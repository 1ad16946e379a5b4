"""The paper engine: Word templates with the state/party profiles, numbering, Excel lists."""
