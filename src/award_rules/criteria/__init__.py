"""Loading criteria: YAML with positions -> typed models -> checks across files."""
