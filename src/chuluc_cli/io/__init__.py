"""Reading nominations and writing reports."""
