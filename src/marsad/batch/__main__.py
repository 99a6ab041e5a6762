"""`python -m marsad.batch` is `marsad batch` (the guard lets Dask and process pools spawn workers)."""
from marsad.cli_batch import batch

if __name__ == "__main__":
    batch()
