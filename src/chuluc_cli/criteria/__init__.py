"""The criteria language: model, expressions, loading with YAML positions, lint."""
