"""Qt widgets only. They gather input and call operations from desktop/."""
